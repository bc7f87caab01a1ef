import { canonical, Money } from '../../common/money/money.js';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { LessThan, type DataSource } from 'typeorm';
import { queryNamed } from '../../database/named-statements.js';
import { hydrate } from '../../database/raw-rows.js';
import { SqlDialect } from '../../database/sql-dialect.js';
import type { Tx } from '../../database/transactions.js';
import { LedgerEntryEntity } from './ledger-entry.entity.js';
import { WalletEntity } from './wallet.entity.js';

/**
 * All SQL of the wallet aggregate (wallets and their ledger). The statements of one movement are
 * plain parameterized SQL, the same text every time (each order's charge runs them): through
 * TypeORM they cost a statement prepared per call on SQLite (numbers are inlined into the SQL
 * text) and a read-back after the insert. Methods taking a `Tx` run in the caller's transaction.
 */
@Injectable()
export class WalletRepository {
  constructor(
    private readonly sql: SqlDialect,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  private p(n: number): string {
    return this.sql.param(n);
  }

  /** The wallet, locked for the rest of the transaction on PostgreSQL (SQLite's is exclusive). */
  async lockWallet(
    m: Tx,
    partnerId: number,
  ): Promise<{ currency: string; balance: string; lowBalanceThreshold: string | null } | null> {
    const lock = this.sql.forUpdate;
    const rows = await queryNamed<
      { currency: string; balance: string; low_balance_threshold: unknown }[]
    >(
      m,
      `SELECT currency, balance, low_balance_threshold FROM wallets
          WHERE partner_id = ${this.p(1)}${lock}`,
      [partnerId],
    );
    const row = rows[0];
    if (!row) return null;
    const threshold = row.low_balance_threshold;
    return {
      currency: row.currency,
      balance: String(row.balance),
      lowBalanceThreshold: threshold === null ? null : canonical(new Money(String(threshold))),
    };
  }

  /** Sets (or clears) the balance below which the partner is told (balance.low). */
  async setLowBalanceThreshold(
    m: Tx,
    partnerId: number,
    threshold: string | null,
  ): Promise<boolean> {
    const result = await m
      .getRepository(WalletEntity)
      .update({ partnerId }, { lowBalanceThreshold: threshold });
    return (result.affected ?? 0) > 0;
  }

  async entryByKey(m: Tx, key: string): Promise<LedgerEntryEntity | null> {
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
  async append(m: Tx, entry: LedgerEntryEntity, balance: string): Promise<void> {
    const e = entry;
    const values: unknown[] = [e.partnerId, e.kind, e.amount, e.balanceAfter, e.currency, e.reason];
    values.push(e.referenceType, e.referenceId, e.key, e.actor);
    const insert = `INSERT INTO ledger_entries (partner_id, kind, amount, balance_after, currency,
        reason, reference_type, reference_id, movement_key, actor)
        VALUES (${values.map((_, i) => this.p(i + 1)).join(', ')}) RETURNING id, created_at`;
    let row: Record<string, unknown> | undefined;
    if (this.sql.postgres) {
      const result: unknown = await queryNamed(
        m,
        `WITH e AS (${insert}) UPDATE wallets SET balance = ${this.p(values.length + 1)},
          updated_at = CURRENT_TIMESTAMP FROM e WHERE partner_id = ${this.p(values.length + 2)}
          RETURNING e.id, e.created_at`,
        [...values, balance, e.partnerId],
      );
      row = this.sql.returned(result)[0];
    } else {
      row = ((await m.query(insert, values)) as Record<string, unknown>[])[0];
      await this.setBalance(m, e.partnerId, balance);
    }
    const stored = hydrate(m, LedgerEntryEntity, row!);
    entry.id = stored.id;
    entry.createdAt = stored.createdAt;
  }

  private async setBalance(m: Tx, partnerId: number, balance: string): Promise<void> {
    await m.query(
      `UPDATE wallets SET balance = ${this.p(1)}, updated_at = CURRENT_TIMESTAMP
        WHERE partner_id = ${this.p(2)}`,
      [balance, partnerId],
    );
  }

  exists(partnerId: number): Promise<boolean> {
    return this.dataSource.getRepository(WalletEntity).existsBy({ partnerId });
  }

  /** The partner's ledger entries below id `before` (all when absent), newest first. */
  entries(
    partnerId: number,
    page: { before?: number; take: number },
  ): Promise<LedgerEntryEntity[]> {
    return this.dataSource.getRepository(LedgerEntryEntity).find({
      where: { partnerId, ...(page.before !== undefined ? { id: LessThan(page.before) } : {}) },
      order: { id: 'DESC' },
      take: page.take,
    });
  }

  entry(partnerId: number, id: number): Promise<LedgerEntryEntity | null> {
    return this.dataSource.getRepository(LedgerEntryEntity).findOneBy({ id, partnerId });
  }

  findWallet(m: Tx, partnerId: number): Promise<WalletEntity | null> {
    return m.findOneBy(WalletEntity, { partnerId });
  }

  /** Every amount of the partner's ledger (to sum it exactly). */
  async amounts(m: Tx, partnerId: number): Promise<string[]> {
    const rows = await m.find(LedgerEntryEntity, {
      where: { partnerId },
      select: { id: true, amount: true },
    });
    return rows.map((r) => r.amount);
  }

  /** The kinds and amounts of the partner's movements for one reference (e.g. an order). */
  movementsOf(
    m: Tx,
    partnerId: number,
    reference: { type: string; id: string },
  ): Promise<Pick<LedgerEntryEntity, 'id' | 'kind' | 'amount'>[]> {
    return m.find(LedgerEntryEntity, {
      where: { partnerId, referenceType: reference.type, referenceId: reference.id },
      select: { id: true, kind: true, amount: true },
    });
  }
}
