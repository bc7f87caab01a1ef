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

  /** Appends the entry; sets its id and creation time as the database gave them. */
  async insert(m: EntityManager, entry: LedgerEntryEntity): Promise<void> {
    const e = entry;
    const values: unknown[] = [e.partnerId, e.kind, e.amount, e.balanceAfter, e.currency, e.reason];
    values.push(e.referenceType, e.referenceId, e.key, e.actor);
    const rows: Record<string, unknown>[] = await m.query(
      `INSERT INTO ledger_entries (partner_id, kind, amount, balance_after, currency, reason,
        reference_type, reference_id, movement_key, actor)
        VALUES (${values.map((_, i) => this.p(i + 1)).join(', ')}) RETURNING id, created_at`,
      values,
    );
    const stored = hydrate(m, LedgerEntryEntity, rows[0]!);
    entry.id = stored.id;
    entry.createdAt = stored.createdAt;
  }

  async setBalance(m: EntityManager, partnerId: number, balance: string): Promise<void> {
    await m.query(
      `UPDATE wallets SET balance = ${this.p(1)}, updated_at = CURRENT_TIMESTAMP
        WHERE partner_id = ${this.p(2)}`,
      [balance, partnerId],
    );
  }
}
