import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { AuditEntryEntity } from './audit-entry.entity.js';

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
  constructor(
    @InjectRepository(AuditEntryEntity) private readonly entries: Repository<AuditEntryEntity>,
  ) {}

  /** Appends an entry; pass the transaction's manager to write it atomically with the change. */
  async record(entry: AuditRecord, manager?: EntityManager): Promise<void> {
    const repo = manager ? manager.getRepository(AuditEntryEntity) : this.entries;
    const row = repo.create({
      actor: entry.actor,
      action: entry.action,
      targetType: entry.targetType ?? null,
      targetId: entry.targetId === undefined ? null : String(entry.targetId),
      details: entry.details ?? null,
      requestId: entry.requestId ?? null,
    });
    await repo.save(row);
  }
}
