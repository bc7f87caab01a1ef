import type { EntityManager } from 'typeorm';
import { hydrate } from '../../database/raw-rows.js';
import { LedgerEntryEntity } from './ledger-entry.entity.js';

/**
 * The statements of one wallet movement as plain parameterized SQL, the same text every time
 * (each order's charge runs them). Through the repositories they cost a statement prepared per
 * call on SQLite (TypeORM inlines numbers into the SQL text) and a read-back after the insert.
 */
export class LedgerStatements {
  constructor(private readonly postgres: boolean) {}

  private p(n: number): string {
    return this.postgres ? `$${n}` : '?';
  }

  /** The wallet, locked for the rest of the transaction on PostgreSQL (SQLite's is exclusive). */
  async lockWallet(
    m: EntityManager,
    partnerId: number,
  ): Promise<{ currency: string; balance: string } | null> {
    const lock = this.postgres ? ' FOR UPDATE' : '';
    const rows: { currency: string; balance: string }[] = await m.query(
      `SELECT currency, balance FROM wallets WHERE partner_id = ${this.p(1)}${lock}`,
      [partnerId],
    );
    return rows[0] ?? null;
  }

  async entryByKey(m: EntityManager, key: string): Promise<LedgerEntryEntity | null> {
    const rows: Record<string, unknown>[] = await m.query(
      `SELECT * FROM ledger_entries WHERE movement_key = ${this.p(1)}`,
      [key],
    );
    return rows[0] ? hydrate(m, LedgerEntryEntity, rows[0]) : null;
  }

  /**
   * Appends the entry and sets the wallet's new balance; sets the entry's id and creation time as
   * the database gave them. One statement on PostgreSQL (a data-modifying WITH), two on SQLite.
   */
  async append(m: EntityManager, entry: LedgerEntryEntity, balance: string): Promise<void> {
    const e = entry;
    const values: unknown[] = [e.partnerId, e.kind, e.amount, e.balanceAfter, e.currency, e.reason];
    values.push(e.referenceType, e.referenceId, e.key, e.actor);
    const insert = `INSERT INTO ledger_entries (partner_id, kind, amount, balance_after, currency,
        reason, reference_type, reference_id, movement_key, actor)
        VALUES (${values.map((_, i) => this.p(i + 1)).join(', ')}) RETURNING id, created_at`;
    let row: Record<string, unknown> | undefined;
    if (this.postgres) {
      const result: unknown[] = await m.query(
        `WITH e AS (${insert}) UPDATE wallets SET balance = ${this.p(values.length + 1)},
          updated_at = CURRENT_TIMESTAMP FROM e WHERE partner_id = ${this.p(values.length + 2)}
          RETURNING e.id, e.created_at`,
        [...values, balance, e.partnerId],
      );
      // pg answers [rows, count] for an UPDATE.
      row = (result[0] as Record<string, unknown>[])[0];
    } else {
      row = ((await m.query(insert, values)) as Record<string, unknown>[])[0];
      await this.setBalance(m, e.partnerId, balance);
    }
    const stored = hydrate(m, LedgerEntryEntity, row!);
    entry.id = stored.id;
    entry.createdAt = stored.createdAt;
  }

  private async setBalance(m: EntityManager, partnerId: number, balance: string): Promise<void> {
    await m.query(
      `UPDATE wallets SET balance = ${this.p(1)}, updated_at = CURRENT_TIMESTAMP
        WHERE partner_id = ${this.p(2)}`,
      [balance, partnerId],
    );
  }
}
