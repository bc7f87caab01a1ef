import { Get, Query } from '@nestjs/common';

import type { AuditEntryEntity } from '../../audit/audit-entry.entity.js';
import { AdminController } from '../../common/http/admin-route.js';
import { mapPage } from '../../common/http/cursor.js';
import { AuditEntryDto, AuditPageDto, ListAuditQueryDto } from './audit-log.dto.js';
import { AuditLogService } from './audit-log.service.js';
import { Endpoint } from '../../common/http/endpoint.js';

@AdminController('admin: audit')
export class AuditLogController {
  constructor(private readonly audit: AuditLogService) {}

  // Admin actions (who, what, when, target), newest first; filters match exactly.
  @Get('audit')
  @Endpoint({
    summary: 'List audit log entries',
    type: AuditPageDto,
    errors: { invalid_cursor: 'the cursor is not one this API returned' },
  })
  listAuditEntries(@Query() query: ListAuditQueryDto): Promise<AuditPageDto> {
    return this.audit.list(query).then((page) => mapPage(page, toAuditEntryDto));
  }
}

const toAuditEntryDto = (row: AuditEntryEntity): AuditEntryDto => ({
  id: row.id,
  actor: row.actor,
  action: row.action,
  targetType: row.targetType,
  targetId: row.targetId,
  details: row.details,
  requestId: row.requestId,
  createdAt: row.createdAt.toISOString(),
});
