import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  And,
  EntityNotFoundError,
  In,
  IsNull,
  LessThan,
  MoreThanOrEqual,
  Not,
  type DataSource,
  type FindOptionsWhere,
} from 'typeorm';
import { queryNamed } from '../database/named-statements.js';
import { PreparedReads } from '../database/prepared-reads.js';
import { hydrate } from '../database/raw-rows.js';
import { Chunked, SqlDialect } from '../database/sql-dialect.js';
import type { Tx } from '../database/transactions.js';
import type { OrderStatus } from './domain/order-status.js';
import { OrderAttemptEntity, type AttemptOutcome } from './entities/order-attempt.entity.js';
import { OrderEntity } from './entities/order.entity.js';
import {
  ORDER_STATUS_COLUMNS,
  ORDER_VIEW_COLUMNS,
  type OrderStatusView,
  type OrderView,
} from './order-view.js';
import {
  ATTEMPT_COST_COLUMNS,
  costRow,
  ORDER_COST_COLUMNS,
  type AttemptCost,
  type OrderCost,
} from './costs/cost-columns.js';

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

/** Filters of a partner's order list (`GET /v1/orders`), already mapped to internal statuses. */
export interface PartnerOrderFilter {
  statuses?: OrderStatus[];
  serviceId?: number;
  /** Created at or after (inclusive). */
  createdFrom?: Date;
  /** Created before (exclusive). */
  createdTo?: Date;
}

/** Filters of the operators' order list (`GET /v1/admin/orders`). */
export interface AdminOrderFilter {
  status?: OrderStatus;
  partnerId?: number;
  providerId?: number;
  stuck?: boolean;
  chargeMismatch?: boolean;
}

/** One page of a keyset listing, newest first: ids below `before`, `take` rows. */
export interface PageRequest {
  before?: number;
  take: number;
}

/**
 * All SQL of the order aggregate (orders and their attempts) except the status poller's
 * (order-polls.repository.ts). The placement's hot-path writes are plain parameterized SQL, the
 * same text on every call: through TypeORM each cost a statement prepared per order on SQLite
 * (numbers are inlined) and a read-back after every insert. Same columns and values as the
 * entities would write. Methods taking a `Tx` run in the caller's transaction.
 */
@Injectable()
export class OrdersRepository {
  constructor(
    private readonly sql: SqlDialect,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reads: PreparedReads,
  ) {}

  /**
   * The order and its first attempt. One statement on PostgreSQL (a data-modifying WITH: one
   * round trip fewer), two on SQLite; run it in the transaction that also charges the wallet.
   */
  async insertOrder(
    m: Tx,
    o: NewOrder,
    first: Omit<NewAttempt, 'orderId'>,
    now: Date,
  ): Promise<{ order: OrderEntity; attempt: OrderAttemptEntity }> {
    const orderRow = this.orderRow(o, now);
    const attemptRow = this.attemptRow({ ...first, orderId: 0 }, now);
    let ids: { orderId: number; attemptId: number };
    if (this.sql.postgres) {
      const orderColumns = Object.keys(orderRow);
      const { order_id: _, ...rest } = attemptRow;
      const attemptColumns = Object.keys(rest);
      const after = orderColumns.length;
      const attemptValues = attemptColumns.map((_, i) => this.sql.param(after + i + 1));
      const rows = await queryNamed<{ order_id: number; id: number }[]>(
        m,
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
  async insertAttempt(m: Tx, a: NewAttempt, now: Date): Promise<OrderAttemptEntity> {
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
    m: Tx,
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
    await queryNamed(
      m,
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
    m: Tx,
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
    const q = (n: number) => this.sql.param((this.sql.postgres ? attemptValues.length : 0) + n);
    const setAttempt = `UPDATE order_attempts SET outcome = 'placed', reason = NULL,
      message = NULL, upstream_order_id = ${p(1)}, finished_at = ${p(2)} WHERE id = ${p(3)}`;
    const setOrder = `UPDATE orders SET status = 'pending', provider_id = ${q(1)},
      upstream_service_id = ${q(2)}, upstream_order_id = ${q(3)}, next_poll_at = ${q(4)},
      status_checked_at = ${q(5)}, updated_at = CURRENT_TIMESTAMP WHERE id = ${q(6)} RETURNING *`;
    let result: unknown;
    if (this.sql.postgres) {
      const values = [...attemptValues, ...orderValues];
      result = await queryNamed(m, `WITH attempt AS (${setAttempt}) ${setOrder}`, values);
    } else {
      await m.query(setAttempt, attemptValues);
      result = await m.query(setOrder, orderValues);
    }
    return hydrate(m, OrderEntity, this.sql.returned(result)[0]!);
  }

  /** The order as stored (what a repository `findOneByOrFail` would give). */
  async load(m: Tx, id: number): Promise<OrderEntity> {
    const rows: Record<string, unknown>[] = await m.query(
      `SELECT * FROM orders WHERE id = ${this.sql.param(1)}`,
      [id],
    );
    if (!rows[0]) throw new EntityNotFoundError(OrderEntity, { id });
    return hydrate(m, OrderEntity, rows[0]);
  }

  /** Orders as stored, in the caller's transaction (ids at most a few hundred). */
  @Chunked(500)
  async loadMany(ids: number[], m: Tx): Promise<OrderEntity[]> {
    const rows: Record<string, unknown>[] = await m.query(
      `SELECT * FROM orders WHERE id IN (${ids.map((_, i) => this.sql.param(i + 1)).join(', ')})`,
      ids,
    );
    return rows.map((row) => hydrate(m, OrderEntity, row));
  }

  /** INSERT … RETURNING id (both engines answer the rows of a RETURNING insert). */
  private async insert(m: Tx, table: string, row: Record<string, unknown>): Promise<number> {
    const columns = Object.keys(row);
    const rows: { id: number | string }[] = await m.query(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${this.sql.row(0, columns.length)} RETURNING id`,
      Object.values(row),
    );
    return Number(rows[0]!.id);
  }

  /** The order now carries the next offer (its attempt is inserted beside). */
  async switchOffer(
    m: Tx,
    orderId: number,
    offer: Pick<OrderEntity, 'providerId' | 'upstreamServiceId' | 'canRefill' | 'canCancel'> &
      OrderCost,
  ): Promise<void> {
    await m.getRepository(OrderEntity).update(orderId, offer);
  }

  /** Sent without a usable answer: the attempt ambiguous, the order waiting for reconciliation. */
  async markAmbiguous(
    m: Tx,
    ids: { orderId: number; attemptId: number },
    reason: string,
    message: string,
    statusReason: string,
  ): Promise<void> {
    await m.getRepository(OrderAttemptEntity).update(ids.attemptId, {
      outcome: 'ambiguous',
      reason,
      message,
      finishedAt: new Date(),
    });
    await m.getRepository(OrderEntity).update(ids.orderId, {
      status: 'needs_reconciliation',
      statusReason,
    });
  }

  /** The order, its row locked until the transaction ends (PostgreSQL). */
  lock(m: Tx, id: number): Promise<OrderEntity> {
    return m.getRepository(OrderEntity).findOneOrFail({ where: { id }, ...this.sql.lockOptions });
  }

  /** The order's row locked, or null when it does not exist. */
  lockIfExists(m: Tx, id: number): Promise<OrderEntity | null> {
    return m.getRepository(OrderEntity).findOne({ where: { id }, ...this.sql.lockOptions });
  }

  /** Columns of an order, in the caller's transaction. */
  async update(m: Tx, id: number, change: Partial<OrderEntity>): Promise<void> {
    await m.getRepository(OrderEntity).update(id, change);
  }

  /** The order as stored now, outside any transaction. */
  get(id: number): Promise<OrderEntity> {
    return this.load(this.dataSource.manager, id);
  }

  find(id: number): Promise<OrderEntity | null> {
    return this.orders.findOneBy({ id });
  }

  /**
   * The hot read of GET /v1/orders/{id}: one plain statement (prepared once and cached by the
   * driver), hydrated column by column, without the query builder.
   */
  /** The hot read of `GET /v1/orders/{id}`: the view's columns only (order-view.ts). */
  async viewOfPartner(partnerId: number, id: number): Promise<OrderView | null> {
    const rows = await this.reads.all(
      `SELECT ${ORDER_VIEW_COLUMNS} FROM orders WHERE id = ${this.sql.param(1)} AND partner_id = ${this.sql.param(2)}`,
      [id, partnerId],
    );
    return rows[0] ? hydrate(this.dataSource.manager, OrderEntity, rows[0]) : null;
  }

  /** The read of `GET /v1/orders?ids=` (≤100 ids): the view's columns, one statement. */
  async viewsOfPartner(partnerId: number, ids: readonly number[]): Promise<OrderView[]> {
    return this.ofPartner(ORDER_VIEW_COLUMNS, partnerId, ids);
  }

  async findOfPartner(partnerId: number, id: number): Promise<OrderEntity | null> {
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT * FROM orders WHERE id = ${this.sql.param(1)} AND partner_id = ${this.sql.param(2)}`,
      [id, partnerId],
    );
    return rows[0] ? hydrate(this.dataSource.manager, OrderEntity, rows[0]) : null;
  }

  /** The order a partner placed with this Idempotency-Key, if any. */
  findByIdempotencyKey(partnerId: number, key: string): Promise<OrderEntity | null> {
    return this.orders.findOneBy({ partnerId, idempotencyKey: key });
  }

  /** The hot read of API v2 `status` (≤100 ids): the status view's 15 columns, one statement. */
  async statusViewsOfPartner(
    partnerId: number,
    ids: readonly number[],
  ): Promise<OrderStatusView[]> {
    return this.ofPartner(ORDER_STATUS_COLUMNS, partnerId, ids);
  }

  /** A partner's orders by id (≤100 ids, as cancels and refills ask): one plain statement. */
  findManyOfPartner(partnerId: number, ids: readonly number[]): Promise<OrderEntity[]> {
    return this.ofPartner('*', partnerId, ids);
  }

  private async ofPartner(columns: string, partnerId: number, ids: readonly number[]) {
    if (ids.length === 0) return [];
    const unique = [...new Set(ids)];
    const list = unique.map((_, i) => this.sql.param(i + 2)).join(', ');
    const rows = await this.reads.all(
      `SELECT ${columns} FROM orders WHERE partner_id = ${this.sql.param(1)} AND id IN (${list})`,
      [partnerId, ...unique],
    );
    return rows.map((row) => hydrate(this.dataSource.manager, OrderEntity, row));
  }

  findMany(ids: readonly number[]): Promise<OrderEntity[]> {
    return this.orders.findBy({ id: In([...ids]) });
  }

  attemptsOf(orderId: number): Promise<OrderAttemptEntity[]> {
    return this.dataSource.getRepository(OrderAttemptEntity).findBy({ orderId });
  }

  /** A partner's orders, newest first (`take` rows; ask one more than a page to see if more). */
  listOfPartner(
    partnerId: number,
    filter: PartnerOrderFilter,
    page: PageRequest,
  ): Promise<OrderEntity[]> {
    const where: FindOptionsWhere<OrderEntity> = { partnerId };
    if (filter.statuses) where.status = In(filter.statuses);
    if (filter.serviceId) where.serviceId = filter.serviceId;
    const { createdFrom: from, createdTo: to } = filter;
    if (from && to) where.createdAt = And(MoreThanOrEqual(from), LessThan(to));
    else if (from) where.createdAt = MoreThanOrEqual(from);
    else if (to) where.createdAt = LessThan(to);
    return this.page(where, page);
  }

  listAll(filter: AdminOrderFilter, page: PageRequest): Promise<OrderEntity[]> {
    const where: FindOptionsWhere<OrderEntity> = {};
    if (filter.status) where.status = filter.status;
    if (filter.partnerId) where.partnerId = filter.partnerId;
    if (filter.providerId) where.providerId = filter.providerId;
    if (filter.stuck) where.stuckAt = Not(IsNull());
    if (filter.chargeMismatch !== undefined) where.chargeMismatch = filter.chargeMismatch;
    return this.page(where, page);
  }

  /** Placements last touched before `cutoff` (their process may have died), oldest first. */
  placingSince(cutoff: Date, take: number): Promise<OrderEntity[]> {
    return this.orders.find({
      where: { status: 'placing', updatedAt: LessThan(cutoff) },
      order: { id: 'ASC' },
      take,
    });
  }

  /** The order's latest attempt (among `outcomes` when given), in the caller's transaction or not. */
  async lastAttempt(
    orderId: number,
    outcomes?: AttemptOutcome[],
    m: Tx = this.dataSource.manager,
  ): Promise<OrderAttemptEntity | null> {
    const [attempt] = await m.getRepository(OrderAttemptEntity).find({
      where: outcomes ? { orderId, outcome: In(outcomes) } : { orderId },
      order: { attemptNo: 'DESC' },
      take: 1,
    });
    return attempt ?? null;
  }

  async updateAttempt(m: Tx, id: number, change: Partial<OrderAttemptEntity>): Promise<void> {
    await m.getRepository(OrderAttemptEntity).update(id, change);
  }

  private page(where: FindOptionsWhere<OrderEntity>, page: PageRequest): Promise<OrderEntity[]> {
    return this.orders.find({
      where: page.before ? { ...where, id: LessThan(page.before) } : where,
      order: { id: 'DESC' },
      take: page.take,
    });
  }

  private get orders() {
    return this.dataSource.getRepository(OrderEntity);
  }
}
