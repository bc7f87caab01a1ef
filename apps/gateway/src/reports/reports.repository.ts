import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { SqlDialect } from '../database/sql-dialect.js';

/**
 * The reports' SQL: every figure is aggregated in the database (GROUP BY over indexed columns,
 * exact NUMERIC on PostgreSQL, exact decimal functions on SQLite — see sqlite-decimal.ts); only
 * the grouped rows come back. Money comes back as decimal text (pg strings, SQLite text).
 */

export type GroupBy = 'day' | 'partner' | 'service' | 'provider';

export interface Range {
  readonly from?: Date;
  readonly to?: Date;
}

/** One (group, partner currency) row of the margin and savings aggregates. */
export interface CostRow {
  key: string;
  currency: string;
  orders: number;
  charged: string | null;
  refunded: string | null;
  revenue_base: string | null;
  expected_base: string | null;
  reported_base: string | null;
  reported_or_expected_base: string | null;
  reported_orders: number;
  cost_base: string | null;
  next_best_base: string | null;
  max_base: string | null;
  with_alternative: number;
}

export interface SpendRow {
  provider_id: number;
  currency: string | null;
  orders: number;
  expected: string | null;
  expected_base: string | null;
  reported: string | null;
  reported_base: string | null;
  reported_orders: number;
  mismatched: number;
}

export interface PartnerSpendRow {
  key: string;
  currency: string;
  orders: number;
  charged: string | null;
  refunded: string | null;
}

export interface Observation {
  observed_at: Date | string;
  balance: string;
  currency: string;
}

/** All SQL of the money view: the aggregates over orders, the ledger and balance observations. */
@Injectable()
export class ReportsRepository {
  constructor(
    private readonly sql: SqlDialect,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  /**
   * The group key: UTC day of creation (`YYYY-MM-DD`), or the partner/service/provider id.
   * `group` is what rows are grouped by, `select` how the key is answered. On PostgreSQL the day
   * is grouped as a date (a cheap cast) and only the groups become text: to_char on every row
   * cost 2.5 s over a million orders.
   */
  private key(groupBy: GroupBy): { group: string; select: string } {
    const plain = (column: string) => ({ group: column, select: column });
    switch (groupBy) {
      case 'day': {
        if (!this.sql.postgres) return plain('substr(o.created_at, 1, 10)');
        const day = `CAST(o.created_at AT TIME ZONE 'UTC' AS date)`;
        return { group: day, select: `CAST(${day} AS text)` };
      }
      case 'partner':
        return plain('o.partner_id');
      case 'service':
        return plain('o.service_id');
      case 'provider':
        return plain('o.provider_id');
    }
  }

  /** `created_at` within the range; more conditions appended by the caller. */
  private where(range: Range, params: unknown[]): string[] {
    const conditions: string[] = [];
    if (range.from) {
      params.push(this.sql.timestamp(range.from));
      conditions.push(`o.created_at >= ${this.sql.param(params.length)}`);
    }
    if (range.to) {
      params.push(this.sql.timestamp(range.to));
      conditions.push(`o.created_at < ${this.sql.param(params.length)}`);
    }
    return conditions;
  }

  /** Orders that went upstream with a recorded cost, grouped by `groupBy` and partner currency. */
  async costs(range: Range, groupBy: GroupBy): Promise<CostRow[]> {
    const s = this.sql;
    const params: unknown[] = [];
    const where = [
      ...this.where(range, params),
      'o.upstream_order_id IS NOT NULL',
      'o.cost_base IS NOT NULL',
    ];
    const key = this.key(groupBy);
    const netCharge = s.sub('o.charge', 'o.refunded');
    const rows: CostRow[] = await this.db.query(
      `SELECT ${key.select} AS key, o.currency AS currency, COUNT(*) AS orders,
        ${s.sum('o.charge')} AS charged,
        ${s.sum('o.refunded')} AS refunded,
        ${s.sum(s.mul(netCharge, 'o.charge_fx'))} AS revenue_base,
        ${s.sum(s.mul('o.upstream_cost_net', 'o.upstream_fx'))} AS expected_base,
        ${s.sum(s.mul('o.upstream_charge', 'o.upstream_fx'))} AS reported_base,
        ${s.sum(s.mul('COALESCE(o.upstream_charge, o.upstream_cost_net)', 'o.upstream_fx'))}
          AS reported_or_expected_base,
        COUNT(o.upstream_charge) AS reported_orders,
        ${s.sum('o.cost_base')} AS cost_base,
        ${s.sum('COALESCE(o.next_best_cost_base, o.cost_base)')} AS next_best_base,
        ${s.sum('o.max_cost_base')} AS max_base,
        COUNT(o.next_best_cost_base) AS with_alternative
      FROM orders o WHERE ${where.join(' AND ')}
      GROUP BY ${key.group}, o.currency ORDER BY 1, 2`,
      params,
    );
    return rows.map((r) => ({
      ...r,
      key: String(r.key),
      orders: Number(r.orders),
      reported_orders: Number(r.reported_orders),
      with_alternative: Number(r.with_alternative),
    }));
  }

  /** Per provider and upstream currency: expected and reported spend, mismatched orders. */
  async spend(range: Range, window?: Range): Promise<SpendRow[]> {
    const s = this.sql;
    const params: unknown[] = [];
    const where = [
      ...this.where(window ?? range, params),
      'o.upstream_order_id IS NOT NULL',
      'o.cost_base IS NOT NULL',
    ];
    const rows: SpendRow[] = await this.db.query(
      `SELECT o.provider_id AS provider_id, o.upstream_currency AS currency, COUNT(*) AS orders,
        ${s.sum('o.upstream_cost_net')} AS expected,
        ${s.sum(s.mul('o.upstream_cost_net', 'o.upstream_fx'))} AS expected_base,
        ${s.sum('o.upstream_charge')} AS reported,
        ${s.sum(s.mul('o.upstream_charge', 'o.upstream_fx'))} AS reported_base,
        COUNT(o.upstream_charge) AS reported_orders,
        SUM(CASE WHEN o.charge_mismatch THEN 1 ELSE 0 END) AS mismatched
      FROM orders o WHERE ${where.join(' AND ')}
      GROUP BY o.provider_id, o.upstream_currency ORDER BY 1, 2`,
      params,
    );
    return rows.map((r) => ({
      ...r,
      provider_id: Number(r.provider_id),
      orders: Number(r.orders),
      reported_orders: Number(r.reported_orders),
      mismatched: Number(r.mismatched),
    }));
  }

  /** The first and last balance the refresh observed for a provider within the range. */
  async observations(
    providerId: number,
    range: Range,
  ): Promise<{ first: Observation; last: Observation } | null> {
    const params: unknown[] = [providerId];
    const where = [`provider_id = ${this.sql.param(1)}`];
    if (range.from) {
      params.push(this.sql.timestamp(range.from));
      where.push(`observed_at >= ${this.sql.param(params.length)}`);
    }
    if (range.to) {
      params.push(this.sql.timestamp(range.to));
      where.push(`observed_at < ${this.sql.param(params.length)}`);
    }
    const pick = (order: 'ASC' | 'DESC') =>
      this.db.query(
        `SELECT observed_at, balance, currency FROM provider_balance_observations
          WHERE ${where.join(' AND ')} ORDER BY observed_at ${order}, id ${order} LIMIT 1`,
        params,
      ) as Promise<Observation[]>;
    const [first] = await pick('ASC');
    const [last] = await pick('DESC');
    return first && last ? { first, last } : null;
  }

  /** A partner's own orders (every status): what it was charged and refunded. */
  async partnerSpend(
    partnerId: number,
    range: Range,
    groupBy: 'day' | 'service',
  ): Promise<PartnerSpendRow[]> {
    const s = this.sql;
    const params: unknown[] = [partnerId];
    const where = [`o.partner_id = ${s.param(1)}`, ...this.where(range, params)];
    const key = this.key(groupBy);
    const rows: PartnerSpendRow[] = await this.db.query(
      `SELECT ${key.select} AS key, o.currency AS currency, COUNT(*) AS orders,
        ${s.sum('o.charge')} AS charged, ${s.sum('o.refunded')} AS refunded
      FROM orders o WHERE ${where.join(' AND ')}
      GROUP BY ${key.group}, o.currency ORDER BY 1, 2`,
      params,
    );
    return rows.map((r) => ({ ...r, key: String(r.key), orders: Number(r.orders) }));
  }

  /** Names for group keys (few rows: one per group). */
  async names(
    table: 'partners' | 'services' | 'providers',
    ids: number[],
  ): Promise<Map<number, string>> {
    if (ids.length === 0) return new Map();
    const list = ids.map((_, i) => this.sql.param(i + 1)).join(', ');
    const rows: { id: number; name: string }[] = await this.db.query(
      `SELECT id, name FROM ${table} WHERE id IN (${list})`,
      ids,
    );
    return new Map(rows.map((r) => [Number(r.id), r.name]));
  }

  /** The highest order id: how many orders a report without a range could cover. */
  async orderCount(): Promise<number> {
    const rows: { n: number | null }[] = await this.db.query('SELECT MAX(id) AS n FROM orders');
    return Number(rows[0]?.n ?? 0);
  }
}
