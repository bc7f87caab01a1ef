import { Injectable } from '@nestjs/common';
import type { AuditEntryEntity } from '../../audit/audit-entry.entity.js';
import { AuditRepository } from '../../audit/audit.repository.js';
import { decodeCursor, toPage, type Page } from '../../common/http/cursor.js';
import { DEFAULT_PAGE_SIZE } from '../../common/http/page-query.dto.js';
import type { ListAuditQueryDto } from './audit-log.dto.js';

/** Reads the audit log (written by AuditService), newest first, with exact-match filters. */
@Injectable()
export class AuditLogService {
  constructor(private readonly entries: AuditRepository) {}

  async list(query: ListAuditQueryDto): Promise<Page<AuditEntryEntity>> {
    const after = decodeCursor(query.cursor);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await this.entries.list(
      {
        actor: query.actor,
        action: query.action,
        targetType: query.targetType,
        targetId: query.targetId,
      },
      { before: after, take: limit + 1 },
    );
    return toPage(rows, limit);
  }
}
