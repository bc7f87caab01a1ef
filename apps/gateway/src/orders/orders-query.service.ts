import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  And,
  In,
  LessThan,
  MoreThanOrEqual,
  IsNull,
  Not,
  type FindOptionsWhere,
  type Repository,
} from 'typeorm';
import { DomainError } from '../common/errors/domain-error.js';
import { AppConfig } from '../config/app-config.js';
import { decodeCursor, toPage, type Page } from '../common/http/cursor.js';
import { DEFAULT_PAGE_SIZE } from '../common/http/page-query.dto.js';
import { isPollable, type OrderStatus } from './domain/order-status.js';
import type { AdminListOrdersQueryDto, ListOrdersQueryDto } from './dto/order-queries.dto.js';
import { OrderAttemptEntity } from './entities/order-attempt.entity.js';
import { OrderEntity } from './entities/order.entity.js';
import { OrderSyncService } from './sync/order-sync.service.js';

/** Partner statuses → the internal ones they stand for. */
const INTERNAL: Record<string, OrderStatus[]> = {
  pending: ['pending', 'placing', 'needs_reconciliation'],
};

/**
 * Reads orders. A partner only ever sees its own: another partner's id is "not found", exactly
 * like an id that does not exist. Reading an open order whose status is older than the
 * configured freshness refreshes it from the upstream on the way.
 */
@Injectable()
export class OrdersQueryService {
  constructor(
    @InjectRepository(OrderEntity) private readonly orders: Repository<OrderEntity>,
    @InjectRepository(OrderAttemptEntity) private readonly attempts: Repository<OrderAttemptEntity>,
    private readonly sync: OrderSyncService,
    private readonly config: AppConfig,
  ) {}

  async getForPartner(partnerId: number, id: number): Promise<OrderEntity> {
    const order = await this.orders.findOneBy({ id, partnerId });
    if (!order) throw new DomainError('not_found', `Order ${id} does not exist.`);
    return this.fresh(order);
  }

  /** Per id: the partner's order, or null for an id that is not one of its orders. */
  async lookupForPartner(
    partnerId: number,
    ids: number[],
  ): Promise<Map<number, OrderEntity | null>> {
    const found = await this.orders.findBy({ partnerId, id: In(ids) });
    const refreshed = await this.freshAll(found);
    const byId = new Map(refreshed.map((o) => [o.id, o]));
    return new Map(ids.map((id) => [id, byId.get(id) ?? null]));
  }

  listForPartner(partnerId: number, query: ListOrdersQueryDto): Promise<Page<OrderEntity>> {
    const where: FindOptionsWhere<OrderEntity> = { partnerId };
    if (query.status) where.status = In(INTERNAL[query.status] ?? [query.status]);
    if (query.serviceId) where.serviceId = query.serviceId;
    const from = query.createdFrom ? new Date(query.createdFrom) : undefined;
    const to = query.createdTo ? new Date(query.createdTo) : undefined;
    // From inclusive, to exclusive ("created before"), alone or together.
    if (from && to) where.createdAt = And(MoreThanOrEqual(from), LessThan(to));
    else if (from) where.createdAt = MoreThanOrEqual(from);
    else if (to) where.createdAt = LessThan(to);
    return this.page(where, query.cursor, query.limit);
  }

  listForAdmin(query: AdminListOrdersQueryDto): Promise<Page<OrderEntity>> {
    const where: FindOptionsWhere<OrderEntity> = {};
    if (query.status) where.status = query.status;
    if (query.partnerId) where.partnerId = query.partnerId;
    if (query.providerId) where.providerId = query.providerId;
    if (query.stuck) where.stuckAt = Not(IsNull());
    if (query.chargeMismatch !== undefined) where.chargeMismatch = query.chargeMismatch === 'true';
    return this.page(where, query.cursor, query.limit);
  }

  async getForAdmin(id: number): Promise<{ order: OrderEntity; attempts: OrderAttemptEntity[] }> {
    const order = await this.orders.findOneBy({ id });
    if (!order) throw new DomainError('not_found', `Order ${id} does not exist.`);
    return { order, attempts: await this.attempts.findBy({ orderId: id }) };
  }

  private async page(
    where: FindOptionsWhere<OrderEntity>,
    cursor: string | undefined,
    limit = DEFAULT_PAGE_SIZE,
  ): Promise<Page<OrderEntity>> {
    const after = decodeCursor(cursor);
    const rows = await this.orders.find({
      where: after ? { ...where, id: LessThan(after) } : where,
      order: { id: 'DESC' },
      take: limit + 1,
    });
    return toPage(rows, limit);
  }

  private async fresh(order: OrderEntity): Promise<OrderEntity> {
    return (await this.freshAll([order]))[0] ?? order;
  }

  /** The orders, those whose status is older than the freshness refreshed in one batched poll. */
  private async freshAll(orders: OrderEntity[]): Promise<OrderEntity[]> {
    const maxAgeMs = this.config.orders.statusFreshnessSeconds * 1000;
    const now = Date.now();
    const stale = orders.filter(
      (o) =>
        isPollable(o.status) &&
        o.upstreamOrderId !== null &&
        o.providerId !== null &&
        now - (o.statusCheckedAt?.getTime() ?? 0) > maxAgeMs,
    );
    if (stale.length === 0) return orders;
    await this.sync.refresh(
      stale.map((o) => ({
        id: o.id,
        providerId: o.providerId!,
        upstreamOrderId: o.upstreamOrderId!,
        status: o.status,
        pollCount: o.pollCount,
        upstreamStatus: o.upstreamStatus,
      })),
    );
    const reread = new Map(
      (await this.orders.findBy({ id: In(stale.map((o) => o.id)) })).map((o) => [o.id, o]),
    );
    return orders.map((o) => reread.get(o.id) ?? o);
  }
}
