import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { LessThan, type DataSource, type FindOptionsWhere } from 'typeorm';
import type { Tx } from '../database/transactions.js';
import { AuditEntryEntity } from './audit-entry.entity.js';

export type NewAuditEntry = Omit<AuditEntryEntity, 'id' | 'createdAt'>;

/** Filters of the audit log (exact matches). */
export interface AuditFilter {
  actor?: string;
  action?: string;
  targetType?: string;
  targetId?: string;
}

/** All SQL of the audit log. */
@Injectable()
export class AuditRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Appends an entry, in the caller's transaction when given. */
  async insert(entry: NewAuditEntry, m: Tx = this.dataSource.manager): Promise<void> {
    const entries = m.getRepository(AuditEntryEntity);
    await entries.save(entries.create(entry));
  }

  /** Entries newest first, ids below `before` (all when absent), `take` rows. */
  list(filter: AuditFilter, page: { before?: number; take: number }): Promise<AuditEntryEntity[]> {
    const where: FindOptionsWhere<AuditEntryEntity> = {
      ...(filter.actor !== undefined ? { actor: filter.actor } : {}),
      ...(filter.action !== undefined ? { action: filter.action } : {}),
      ...(filter.targetType !== undefined ? { targetType: filter.targetType } : {}),
      ...(filter.targetId !== undefined ? { targetId: filter.targetId } : {}),
      ...(page.before !== undefined ? { id: LessThan(page.before) } : {}),
    };
    return this.dataSource
      .getRepository(AuditEntryEntity)
      .find({ where, order: { id: 'DESC' }, take: page.take });
  }
}
