import { Injectable } from '@nestjs/common';
import { DomainError } from '../common/errors/domain-error.js';
import { AppConfig } from '../config/app-config.js';
import { decodeCursor, toPage, type Page } from '../common/http/cursor.js';
import { DEFAULT_PAGE_SIZE } from '../common/http/page-query.dto.js';
import { isPollable, type OrderStatus } from './domain/order-status.js';
import type { AdminListOrdersQueryDto, ListOrdersQueryDto } from './dto/order-queries.dto.js';
import type { OrderAttemptEntity } from './entities/order-attempt.entity.js';
import type { OrderEntity } from './entities/order.entity.js';
import type { OrderStatusView, OrderView } from './order-view.js';
import { OrdersRepository, type PageRequest } from './orders.repository.js';
import { dueOrder } from './sync/due-order.js';
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
    private readonly orders: OrdersRepository,
    private readonly sync: OrderSyncService,
    private readonly config: AppConfig,
  ) {}

  async getForPartner(partnerId: number, id: number): Promise<OrderView> {
    const order = await this.orders.viewOfPartner(partnerId, id);
    if (!order) throw new DomainError('not_found', `Order ${id} does not exist.`);
    return this.fresh(order);
  }

  /** Per id: the partner's order, or null for an id that is not one of its orders. */
  async lookupForPartner(partnerId: number, ids: number[]): Promise<Map<number, OrderView | null>> {
    return this.byId(ids, await this.freshAll(await this.orders.viewsOfPartner(partnerId, ids)));
  }

  /** The same for API v2 `status`: only what its answer needs (OrderStatusView). */
  async statusesForPartner(
    partnerId: number,
    ids: number[],
  ): Promise<Map<number, OrderStatusView | null>> {
    const found = await this.orders.statusViewsOfPartner(partnerId, ids);
    return this.byId(ids, await this.freshAll(found));
  }

  listForPartner(partnerId: number, query: ListOrdersQueryDto): Promise<Page<OrderEntity>> {
    return this.page(query, (page) =>
      this.orders.listOfPartner(
        partnerId,
        {
          ...(query.status ? { statuses: INTERNAL[query.status] ?? [query.status] } : {}),
          ...(query.serviceId ? { serviceId: query.serviceId } : {}),
          // From inclusive, to exclusive ("created before"), alone or together.
          ...(query.createdFrom ? { createdFrom: new Date(query.createdFrom) } : {}),
          ...(query.createdTo ? { createdTo: new Date(query.createdTo) } : {}),
        },
        page,
      ),
    );
  }

  listForAdmin(query: AdminListOrdersQueryDto): Promise<Page<OrderEntity>> {
    return this.page(query, (page) =>
      this.orders.listAll(
        {
          status: query.status,
          partnerId: query.partnerId,
          providerId: query.providerId,
          stuck: query.stuck,
          ...(query.chargeMismatch === undefined
            ? {}
            : { chargeMismatch: query.chargeMismatch === 'true' }),
        },
        page,
      ),
    );
  }

  async getForAdmin(id: number): Promise<{ order: OrderEntity; attempts: OrderAttemptEntity[] }> {
    const order = await this.orders.find(id);
    if (!order) throw new DomainError('not_found', `Order ${id} does not exist.`);
    return { order, attempts: await this.orders.attemptsOf(id) };
  }

  /** One page, newest first: a row more than the page is read to know whether more follow. */
  private async page(
    query: { cursor?: string; limit?: number },
    read: (page: PageRequest) => Promise<OrderEntity[]>,
  ): Promise<Page<OrderEntity>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const before = decodeCursor(query.cursor);
    return toPage(await read({ before, take: limit + 1 }), limit);
  }

  private byId<T extends { id: number }>(ids: number[], found: T[]): Map<number, T | null> {
    const byId = new Map(found.map((o) => [o.id, o]));
    return new Map(ids.map((id) => [id, byId.get(id) ?? null]));
  }

  private async fresh(order: OrderView): Promise<OrderView> {
    return (await this.freshAll([order]))[0] ?? order;
  }

  /**
   * The orders, those whose status is older than the freshness refreshed in one batched poll
   * (re-read whole: an OrderEntity has every field of any view).
   */
  private async freshAll<T extends OrderStatusView>(orders: T[]): Promise<T[]> {
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
    await this.sync.refresh(stale.map(dueOrder));
    const reread = new Map(
      (await this.orders.findMany(stale.map((o) => o.id))).map((o) => [o.id, o as unknown as T]),
    );
    return orders.map((o) => reread.get(o.id) ?? o);
  }
}
