import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThan, type FindOptionsWhere, type Repository } from 'typeorm';
import { AuditEntryEntity } from '../../audit/audit-entry.entity.js';
import { decodeCursor, toPage, type Page } from '../../common/http/cursor.js';
import { DEFAULT_PAGE_SIZE } from '../../common/http/page-query.dto.js';
import type { ListAuditQueryDto } from './audit-log.dto.js';

/** Reads the audit log (written by AuditService), newest first, with exact-match filters. */
@Injectable()
export class AuditLogService {
  constructor(
    @InjectRepository(AuditEntryEntity) private readonly entries: Repository<AuditEntryEntity>,
  ) {}

  async list(query: ListAuditQueryDto): Promise<Page<AuditEntryEntity>> {
    const after = decodeCursor(query.cursor);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const where: FindOptionsWhere<AuditEntryEntity> = {
      ...(query.actor !== undefined ? { actor: query.actor } : {}),
      ...(query.action !== undefined ? { action: query.action } : {}),
      ...(query.targetType !== undefined ? { targetType: query.targetType } : {}),
      ...(query.targetId !== undefined ? { targetId: query.targetId } : {}),
      ...(after !== undefined ? { id: LessThan(after) } : {}),
    };
    const rows = await this.entries.find({ where, order: { id: 'DESC' }, take: limit + 1 });
    return toPage(rows, limit);
  }
}
