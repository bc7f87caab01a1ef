import { EntityNotFoundError, type EntityManager } from 'typeorm';
import { SqlDialect } from '../../database/sql-dialect.js';
import { hydrate } from '../../database/raw-rows.js';
import { OrderAttemptEntity, type AttemptOutcome } from '../entities/order-attempt.entity.js';
import { OrderEntity } from '../entities/order.entity.js';
import {
  ATTEMPT_COST_COLUMNS,
  costRow,
  ORDER_COST_COLUMNS,
  type AttemptCost,
  type OrderCost,
} from '../costs/cost-columns.js';

/** The columns a placement writes when it creates an order (the rest keep their defaults). */
export type NewOrder = Pick<
  OrderEntity,
  | 'partnerId'
  | 'serviceId'
  | 'serviceType'
  | 'link'
  | 'quantity'
  | 'runs'
  | 'interval'
  | 'params'
  | 'charge'
  | 'currency'
  | 'providerId'
  | 'upstreamServiceId'
  | 'canRefill'
  | 'canCancel'
  | 'idempotencyKey'
  | 'chargeFx'
> &
  OrderCost;

export type NewAttempt = Pick<
  OrderAttemptEntity,
  'orderId' | 'attemptNo' | 'providerId' | 'upstreamServiceId' | 'cost'
> &
  AttemptCost;

/**
 * The placement's hot-path writes as plain parameterized SQL, the same text on every call.
 * Through the repository each of them cost a statement prepared per order on SQLite (TypeORM
 * inlines numbers, so every id made a new statement) and a read-back after every insert; here
 * each is one prepared, cached statement. Same columns and values as the entities would write.
 */
export class OrderWrites {
  private readonly sql: SqlDialect;

  constructor(private readonly postgres: boolean) {
    this.sql = new SqlDialect(postgres);
  }

  /**
   * The order and its first attempt. One statement on PostgreSQL (a data-modifying WITH: one
   * round trip fewer), two on SQLite; run it in the transaction that also charges the wallet.
   */
  async insertOrder(
    m: EntityManager,
    o: NewOrder,
    first: Omit<NewAttempt, 'orderId'>,
    now: Date,
  ): Promise<{ order: OrderEntity; attempt: OrderAttemptEntity }> {
    const orderRow = this.orderRow(o, now);
    const attemptRow = this.attemptRow({ ...first, orderId: 0 }, now);
    let ids: { orderId: number; attemptId: number };
    if (this.postgres) {
      const orderColumns = Object.keys(orderRow);
      const { order_id: _, ...rest } = attemptRow;
      const attemptColumns = Object.keys(rest);
      const after = orderColumns.length;
      const attemptValues = attemptColumns.map((_, i) => this.sql.param(after + i + 1));
      const rows: { order_id: number; id: number }[] = await m.query(
        `WITH o AS (INSERT INTO orders (${orderColumns.join(', ')})
          VALUES ${this.sql.row(0, after)} RETURNING id)
        INSERT INTO order_attempts (order_id, ${attemptColumns.join(', ')})
          VALUES ((SELECT id FROM o), ${attemptValues.join(', ')}) RETURNING order_id, id`,
        [...Object.values(orderRow), ...Object.values(rest)],
      );
      ids = { orderId: Number(rows[0]!.order_id), attemptId: Number(rows[0]!.id) };
    } else {
      const orderId = await this.insert(m, 'orders', orderRow);
      const attemptId = await this.insert(m, 'order_attempts', {
        ...attemptRow,
        order_id: orderId,
      });
      ids = { orderId, attemptId };
    }
    return {
      order: this.newOrder(o, ids.orderId, now),
      attempt: this.newAttempt({ ...first, orderId: ids.orderId }, ids.attemptId, now),
    };
  }

  /** A further attempt (the previous one certainly did not take the order). */
  async insertAttempt(m: EntityManager, a: NewAttempt, now: Date): Promise<OrderAttemptEntity> {
    const id = await this.insert(m, 'order_attempts', this.attemptRow(a, now));
    return this.newAttempt(a, id, now);
  }

  private orderRow(o: NewOrder, now: Date): Record<string, unknown> {
    return {
      partner_id: o.partnerId,
      service_id: o.serviceId,
      service_type: o.serviceType,
      status: 'placing',
      link: o.link,
      quantity: o.quantity,
      runs: o.runs,
      '"interval"': o.interval,
      params: JSON.stringify(o.params),
      charge: o.charge,
      currency: o.currency,
      refunded: '0',
      provider_id: o.providerId,
      upstream_service_id: o.upstreamServiceId,
      can_refill: this.sql.bool(o.canRefill),
      can_cancel: this.sql.bool(o.canCancel),
      idempotency_key: o.idempotencyKey,
      charge_fx: o.chargeFx,
      ...costRow<OrderCost>(o, ORDER_COST_COLUMNS),
      poll_count: 0,
      created_at: this.sql.timestamp(now),
    };
  }

  private attemptRow(a: NewAttempt, now: Date): Record<string, unknown> {
    return {
      order_id: a.orderId,
      attempt_no: a.attemptNo,
      provider_id: a.providerId,
      upstream_service_id: a.upstreamServiceId,
      cost: a.cost,
      ...costRow<AttemptCost>(a, ATTEMPT_COST_COLUMNS),
      outcome: 'prepared',
      created_at: this.sql.timestamp(now),
    };
  }

  /** The order as just inserted (what a reload would give). */
  private newOrder(o: NewOrder, id: number, now: Date): OrderEntity {
    const order: Omit<OrderEntity, never> = {
      ...o,
      id,
      status: 'placing',
      refunded: '0',
      upstreamOrderId: null,
      startCount: null,
      remains: null,
      upstreamStatus: null,
      statusReason: null,
      statusCheckedAt: null,
      nextPollAt: null,
      pollCount: 0,
      leasedUntil: null,
      stuckAt: null,
      upstreamCharge: null,
      chargeMismatch: false,
      createdAt: now,
      updatedAt: now,
    };
    return Object.assign(new OrderEntity(), order);
  }

  private newAttempt(a: NewAttempt, id: number, now: Date): OrderAttemptEntity {
    const attempt: OrderAttemptEntity = {
      ...a,
      id,
      outcome: 'prepared',
      reason: null,
      message: null,
      upstreamOrderId: null,
      createdAt: now,
      finishedAt: null,
    };
    return Object.assign(new OrderAttemptEntity(), attempt);
  }

  /** Sets an attempt's outcome; `finishedAt` only when given (a finished attempt). */
  async setAttempt(
    m: EntityManager,
    id: number,
    change: {
      outcome: AttemptOutcome;
      reason: string | null;
      message: string | null;
      upstreamOrderId?: string;
      finishedAt?: Date;
    },
  ): Promise<void> {
    const p = (n: number) => this.sql.param(n);
    const sets = [`outcome = ${p(1)}`, `reason = ${p(2)}`, `message = ${p(3)}`];
    const values: unknown[] = [change.outcome, change.reason, change.message];
    if (change.upstreamOrderId !== undefined) {
      values.push(change.upstreamOrderId);
      sets.push(`upstream_order_id = ${p(values.length)}`);
    }
    if (change.finishedAt) {
      values.push(this.sql.timestamp(change.finishedAt));
      sets.push(`finished_at = ${p(values.length)}`);
    }
    values.push(id);
    await m.query(
      `UPDATE order_attempts SET ${sets.join(', ')} WHERE id = ${p(values.length)}`,
      values,
    );
  }

  /**
   * The attempt took the order upstream: the attempt `placed`, the order `pending` (polled from
   * `nextPollAt` on). Both rows in one statement on PostgreSQL (a data-modifying WITH), two on
   * SQLite; run it in one transaction there. Answers the order as stored.
   */
  async placed(
    m: EntityManager,
    attempt: { id: number; providerId: number; upstreamServiceId: string },
    orderId: number,
    placed: { upstreamOrderId: string; nextPollAt: Date; at: Date },
  ): Promise<OrderEntity> {
    const at = this.sql.timestamp(placed.at);
    const attemptValues: unknown[] = [placed.upstreamOrderId, at, attempt.id];
    const nextPoll = this.sql.timestamp(placed.nextPollAt);
    const { providerId, upstreamServiceId } = attempt;
    const orderValues = [
      providerId,
      upstreamServiceId,
      placed.upstreamOrderId,
      nextPoll,
      at,
      orderId,
    ];
    // One parameter list on PostgreSQL: the order's placeholders follow the attempt's.
    const p = (n: number) => this.sql.param(n);
    const q = (n: number) => this.sql.param((this.postgres ? attemptValues.length : 0) + n);
    const setAttempt = `UPDATE order_attempts SET outcome = 'placed', reason = NULL,
      message = NULL, upstream_order_id = ${p(1)}, finished_at = ${p(2)} WHERE id = ${p(3)}`;
    const setOrder = `UPDATE orders SET status = 'pending', provider_id = ${q(1)},
      upstream_service_id = ${q(2)}, upstream_order_id = ${q(3)}, next_poll_at = ${q(4)},
      status_checked_at = ${q(5)}, updated_at = CURRENT_TIMESTAMP WHERE id = ${q(6)} RETURNING *`;
    let result: unknown;
    if (this.postgres) {
      const values = [...attemptValues, ...orderValues];
      result = await m.query(`WITH attempt AS (${setAttempt}) ${setOrder}`, values);
    } else {
      await m.query(setAttempt, attemptValues);
      result = await m.query(setOrder, orderValues);
    }
    return hydrate(m, OrderEntity, this.returned(result)[0]!);
  }

  /** The order as stored (what a repository `findOneByOrFail` would give). */
  async load(m: EntityManager, id: number): Promise<OrderEntity> {
    const rows: Record<string, unknown>[] = await m.query(
      `SELECT * FROM orders WHERE id = ${this.sql.param(1)}`,
      [id],
    );
    if (!rows[0]) throw new EntityNotFoundError(OrderEntity, { id });
    return hydrate(m, OrderEntity, rows[0]);
  }

  /** Rows of an UPDATE … RETURNING: pg answers `[rows, count]`, better-sqlite3 the rows. */
  private returned(result: unknown): Record<string, unknown>[] {
    return (this.postgres ? (result as unknown[])[0] : result) as Record<string, unknown>[];
  }

  /** INSERT … RETURNING id (both engines answer the rows of a RETURNING insert). */
  private async insert(
    m: EntityManager,
    table: string,
    row: Record<string, unknown>,
  ): Promise<number> {
    const columns = Object.keys(row);
    const rows: { id: number | string }[] = await m.query(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${this.sql.row(0, columns.length)} RETURNING id`,
      Object.values(row),
    );
    return Number(rows[0]!.id);
  }
}
