import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsNull, Not, type DataSource } from 'typeorm';
import { SqlDialect } from '../database/sql-dialect.js';
import { Transactions, type Tx } from '../database/transactions.js';
import { ProviderEntity } from './provider.entity.js';

export type NewProvider = Omit<ProviderEntity, 'id' | 'createdAt' | 'updatedAt'>;

/** The revision counters' rows (catalog_revision). */
export const REVISION_ROWS = { catalog: 1, providers: 2 } as const;

/**
 * All SQL of the provider aggregate: the providers, their balance observations, the sync claim
 * and the routing revision counters. Methods taking a `Tx` run in the caller's transaction.
 */
@Injectable()
export class ProvidersRepository {
  constructor(
    private readonly sql: SqlDialect,
    private readonly transactions: Transactions,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  find(id: number): Promise<ProviderEntity | null> {
    return this.providers.findOneBy({ id });
  }

  all(): Promise<ProviderEntity[]> {
    return this.providers.find({ order: { id: 'ASC' } });
  }

  enabled(): Promise<ProviderEntity[]> {
    return this.providers.findBy({ enabled: true });
  }

  /** Providers ejected by the health checks (not by an admin), whatever their ejection's end. */
  autoEjected(): Promise<ProviderEntity[]> {
    return this.providers.findBy({ ejectedUntil: Not(IsNull()), ejectionManual: false });
  }

  nameTaken(name: string): Promise<boolean> {
    return this.providers.existsBy({ name });
  }

  insert(m: Tx, row: NewProvider): Promise<ProviderEntity> {
    const providers = m.getRepository(ProviderEntity);
    return providers.save(providers.create(row));
  }

  async update(m: Tx, id: number, changes: Partial<NewProvider>): Promise<void> {
    await m.getRepository(ProviderEntity).update({ id }, changes);
  }

  /**
   * Moves an automatic ejection's end from `until` to `to`, only if nobody moved it first: true
   * for the one process whose update matched (it then probes the provider).
   */
  async claimEjection(id: number, until: Date, to: Date): Promise<boolean> {
    const claim = await this.providers.update(
      { id, ejectedUntil: until, ejectionManual: false },
      { ejectedUntil: to },
    );
    return claim.affected === 1;
  }

  /** Keeps a balance the refresh read (provider_balance_observations), in its transaction. */
  async recordBalance(
    m: Tx,
    o: { providerId: number; balance: string; currency: string; at: Date },
  ): Promise<void> {
    await m.query(
      `INSERT INTO provider_balance_observations (provider_id, balance, currency, observed_at)
        VALUES ${this.sql.row(0, 4)}`,
      [o.providerId, o.balance, o.currency, this.sql.timestamp(o.at)],
    );
  }

  /** Enabled providers whose last catalog sync attempt is older than `due` (or none), by id. */
  async dueForSync(due: Date): Promise<number[]> {
    const p = this.sql.binder();
    const rows: { id: number }[] = await this.dataSource.query(
      `SELECT id FROM providers WHERE enabled = ${p.add(this.sql.bool(true))}
          AND (last_sync_attempt_at IS NULL OR last_sync_attempt_at < ${p.add(this.sql.timestamp(due))})
        ORDER BY id`,
      p.values,
    );
    return rows.map((r) => Number(r.id));
  }

  /** Claims a due sync by moving its attempt time to `now`: true for the one process that did. */
  claimSync(id: number, due: Date, now: Date): Promise<boolean> {
    const p = this.sql.binder();
    const query = `UPDATE providers SET last_sync_attempt_at = ${p.add(this.sql.timestamp(now))}
      WHERE id = ${p.add(id)}
        AND (last_sync_attempt_at IS NULL OR last_sync_attempt_at < ${p.add(this.sql.timestamp(due))})`;
    return this.transactions.run(async (m) => {
      // The structured result carries the affected row count on both engines.
      const result = await m.queryRunner!.query(query, p.values, true);
      return result.affected === 1;
    });
  }

  /** Makes the provider's catalog sync due at the sync job's next tick. */
  async syncDueNow(m: Tx, id: number): Promise<void> {
    await m.getRepository(ProviderEntity).update({ id }, { lastSyncAttemptAt: null });
  }

  /** Locks the provider's row for a sync (PostgreSQL; SQLite's transactions are exclusive). */
  async lockForSync(m: Tx, id: number): Promise<void> {
    if (!this.sql.forUpdate) return;
    await m.query(`SELECT id FROM providers WHERE id = ${this.sql.param(1)}${this.sql.forUpdate}`, [
      id,
    ]);
  }

  /** Counts a change routing must see, in the writing transaction. */
  async bumpRevision(m: Tx, row: number): Promise<void> {
    await m.query(`UPDATE catalog_revision SET revision = revision + 1 WHERE id = ${row}`);
  }

  /** The shared revision counters, by row. */
  async revisions(): Promise<Map<number, number>> {
    const rows: { id: number | string; revision: string | number }[] = await this.dataSource.query(
      'SELECT id, revision FROM catalog_revision',
    );
    return new Map(rows.map((r) => [Number(r.id), Number(r.revision)]));
  }

  private get providers() {
    return this.dataSource.getRepository(ProviderEntity);
  }
}
