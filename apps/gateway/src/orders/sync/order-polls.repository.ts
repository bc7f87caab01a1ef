import { Injectable } from '@nestjs/common';
import { chunks, SqlDialect } from '../../database/sql-dialect.js';
import { Transactions, type Tx } from '../../database/transactions.js';
import { hydrate } from '../../database/raw-rows.js';
import type { OrderStatus } from '../domain/order-status.js';
import type { RecordedCharge } from '../costs/order-charges.repository.js';
import { OrderEntity } from '../entities/order.entity.js';

/** A leased order: just what polling needs. */
export interface DueOrder {
  id: number;
  partnerId: number;
  providerId: number;
  upstreamOrderId: string;
  status: OrderStatus;
  pollCount: number;
  upstreamStatus: string | null;
  startCount: number | null;
  remains: number | null;
  /** Its charge columns as read by the lease (the charge audit then need not read them again). */
  recordedCharge?: RecordedCharge;
}

/** What one poll found for one order. */
export interface StatusUpdate {
  id: number;
  status: OrderStatus;
  upstreamStatus: string | null;
  startCount: number | null;
  remains: number | null;
  nextPollAt: Date | null;
  pollCount: number;
  /** False when the upstream gave no usable answer for this order (counts are then kept). */
  answered: boolean;
}

/** An order just flagged stuck. */
export interface StuckOrder {
  readonly id: number;
  readonly partnerId: number;
  readonly providerId: number | null;
  readonly status: string;
  readonly createdAt: Date;
}

/**
 * Rows per bulk UPDATE (8 bound values each on SQLite, far below its limit of 32,766; 8 arrays
 * on PostgreSQL).
 */
export const UPDATE_ROWS_PER_STATEMENT = 1_000;
/** The types of the VALUES of a status write, see `statusStatement`. */
const STATUS_COLUMNS = [
  'integer',
  'varchar',
  'varchar',
  'bigint',
  'bigint',
  'integer',
  'timestamptz',
  'integer',
];
/** Rows per status-writing transaction (a commit per 2,000 orders). */
export const UPDATE_ROWS_PER_TRANSACTION = 2_000;

/**
 * The status poller's SQL over the orders table: leasing due orders (FOR UPDATE SKIP LOCKED on
 * PostgreSQL, so several processes share the work without doubling it), writing poll results in
 * bulk, giving a lease back, and flagging stuck orders. Each method is its own transaction.
 */
@Injectable()
export class OrderPollsRepository {
  constructor(
    private readonly sql: SqlDialect,
    private readonly transactions: Transactions,
  ) {}

  /** The upstreams with due open orders at `now`. */
  async dueProviders(now: Date): Promise<number[]> {
    const p = this.sql.binder();
    const rows: { provider_id: unknown }[] = await this.transactions.statement((m) =>
      m.query(
        `SELECT DISTINCT provider_id FROM orders
          WHERE status IN ('pending', 'in_progress') AND upstream_order_id IS NOT NULL
            AND provider_id IS NOT NULL AND next_poll_at <= ${p.add(this.sql.timestamp(now))}`,
        p.values,
      ),
    );
    return rows.map((r) => Number(r.provider_id));
  }

  /**
   * Leases up to `limit` due open orders of one upstream, oldest first, until `token` (the
   * lease's end doubles as its token: writes below only touch rows still holding it).
   */
  async lease(now: Date, token: Date, limit: number, providerId: number): Promise<DueOrder[]> {
    const p = this.sql.binder();
    const leaseEnd = p.add(this.sql.timestamp(token));
    // Walks IDX_orders_due (its WHERE is this one's first line) oldest first.
    const due = `SELECT id FROM orders
        WHERE status IN ('pending', 'in_progress') AND upstream_order_id IS NOT NULL
          AND provider_id = ${p.add(providerId)} AND next_poll_at <= ${p.add(this.sql.timestamp(now))}
          AND (leased_until IS NULL OR leased_until < ${p.add(this.sql.timestamp(now))})
        ORDER BY next_poll_at LIMIT ${p.add(limit)}${this.sql.forUpdateSkipLocked}`;
    const query = `UPDATE orders SET leased_until = ${leaseEnd} WHERE ${this.sql.inIds('id', due)}
      RETURNING id, partner_id, provider_id, upstream_order_id, status, poll_count, upstream_status,
        start_count, remains, quantity, runs, upstream_cost, upstream_cost_net, upstream_currency,
        upstream_charge, charge_mismatch`;
    const rows = await this.transactions.run(async (m) =>
      this.sql.returned(await m.query(query, p.values)),
    );
    return rows.map((r) => ({
      id: Number(r.id),
      partnerId: Number(r.partner_id),
      providerId: Number(r.provider_id),
      upstreamOrderId: String(r.upstream_order_id),
      status: r.status as OrderStatus,
      pollCount: Number(r.poll_count),
      upstreamStatus: (r.upstream_status as string | null) ?? null,
      startCount: r.start_count === null ? null : Number(r.start_count),
      remains: r.remains === null ? null : Number(r.remains),
      recordedCharge: {
        id: Number(r.id),
        provider_id: Number(r.provider_id),
        quantity: r.quantity as number,
        runs: r.runs as number | null,
        upstream_cost: r.upstream_cost as string | null,
        upstream_cost_net: r.upstream_cost_net as string | null,
        upstream_currency: r.upstream_currency as string | null,
        upstream_charge: r.upstream_charge as string | null,
        charge_mismatch: r.charge_mismatch as boolean | number,
      },
    }));
  }

  /**
   * Poll results of open orders through a VALUES list (arrays on PostgreSQL), one statement per
   * 1,000 orders, all in one transaction. With a lease, only rows still holding it are written.
   * `written` runs in the same transaction with the ids of the rows written (events of the change
   * go there).
   */
  async writeStatuses(
    updates: StatusUpdate[],
    lease: Date | null,
    now: Date,
    written?: (m: Tx, ids: Set<number>) => Promise<void>,
  ): Promise<void> {
    const statements = chunks(updates, UPDATE_ROWS_PER_STATEMENT).map((part) =>
      this.statusStatement(part, lease, now),
    );
    await this.transactions.run(async (m) => {
      const ids = new Set<number>();
      for (const { query, values } of statements) {
        for (const r of this.sql.returned<{ id: unknown }>(await m.query(query, values))) {
          ids.add(Number(r.id));
        }
      }
      if (written) await written(m, ids);
    });
  }

  private statusStatement(updates: StatusUpdate[], lease: Date | null, now: Date) {
    const p = this.sql.binder();
    const at = (d: Date | null) => (d ? this.sql.timestamp(d) : null);
    const rows = this.sql.rowsOf(
      p,
      STATUS_COLUMNS,
      updates.map((u) => [
        u.id,
        u.status,
        u.upstreamStatus,
        u.startCount,
        u.remains,
        u.answered ? 1 : 0,
        at(u.nextPollAt),
        u.pollCount,
      ]),
    );
    const checkedAt = p.add(at(now), 'timestamptz');
    const updatedAt = p.add(at(now), 'timestamptz');
    const leaseCheck = lease ? `AND orders.leased_until = ${p.add(at(lease), 'timestamptz')}` : '';
    const query = `WITH v(id, status, upstream_status, start_count, remains, answered, next_poll_at, poll_count)
      AS (${rows})
      UPDATE orders SET status = v.status, upstream_status = v.upstream_status,
        start_count = CASE WHEN v.answered = 1 THEN v.start_count ELSE orders.start_count END,
        remains = CASE WHEN v.answered = 1 THEN v.remains ELSE orders.remains END,
        next_poll_at = v.next_poll_at, poll_count = v.poll_count,
        status_checked_at = ${checkedAt}, leased_until = NULL, updated_at = ${updatedAt}
      FROM v WHERE orders.id = v.id AND orders.status IN ('pending', 'in_progress') ${leaseCheck}
      RETURNING orders.id`;
    return { query, values: p.values };
  }

  /** Releases a lease early: the order is polled again at `retryAt`, flagged with `reason`. */
  async giveBack(id: number, lease: Date, retryAt: Date, reason: string): Promise<void> {
    const p = this.sql.binder();
    const query = `UPDATE orders SET leased_until = NULL,
        next_poll_at = ${p.add(this.sql.timestamp(retryAt))}, status_reason = ${p.add(reason)}
      WHERE id = ${p.add(id)} AND leased_until = ${p.add(this.sql.timestamp(lease))}`;
    await this.transactions.run((m) => m.query(query, p.values));
  }

  /**
   * Open orders created before `cutoff` are flagged stuck (once, at `now`); `flagged` runs in the
   * same transaction with the orders just flagged.
   */
  async flagStuck(
    now: Date,
    cutoff: Date,
    flagged: (m: Tx, orders: StuckOrder[]) => Promise<void>,
  ): Promise<void> {
    const p = this.sql.binder();
    const query = `UPDATE orders SET stuck_at = ${p.add(this.sql.timestamp(now))}
      WHERE stuck_at IS NULL AND created_at < ${p.add(this.sql.timestamp(cutoff))}
        AND status IN ('placing', 'pending', 'in_progress', 'needs_reconciliation')
      RETURNING id, partner_id, provider_id, status, created_at`;
    await this.transactions.run(async (m) => {
      const rows = this.sql.returned(await m.query(query, p.values));
      if (rows.length === 0) return;
      await flagged(
        m,
        rows.map((r) => ({
          id: Number(r.id),
          partnerId: Number(r.partner_id),
          providerId: r.provider_id === null ? null : Number(r.provider_id),
          status: String(r.status),
          createdAt: hydrate(m, OrderEntity, { created_at: r.created_at }).createdAt,
        })),
      );
    });
  }
}
