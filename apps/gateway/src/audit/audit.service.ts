import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/transactions.js';
import { AuditRepository } from './audit.repository.js';

export interface AuditRecord {
  /** Display name of the principal (never a token). */
  actor: string;
  /** Verb-first, dotted: `provider.create`, `partner.suspend`, `token.revoke`. */
  action: string;
  targetType?: string;
  targetId?: string | number;
  /** What changed; must never hold a secret. */
  details?: Record<string, unknown>;
  requestId?: string;
}

@Injectable()
export class AuditService {
  constructor(private readonly entries: AuditRepository) {}

  /** Appends an entry; pass the transaction's manager to write it atomically with the change. */
  record(entry: AuditRecord, manager?: Tx): Promise<void> {
    return this.entries.insert(
      {
        actor: entry.actor,
        action: entry.action,
        targetType: entry.targetType ?? null,
        targetId: entry.targetId === undefined ? null : String(entry.targetId),
        details: entry.details ?? null,
        requestId: entry.requestId ?? null,
      },
      manager,
    );
  }
}
