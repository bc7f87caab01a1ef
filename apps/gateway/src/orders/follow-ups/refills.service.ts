import { Injectable, Logger } from '@nestjs/common';
import type { RefillStatus as UpstreamRefillStatus } from '#smm-protocol';
import { DomainError } from '../../common/errors/domain-error.js';
import { Transactions } from '../../database/transactions.js';
import { isPollable } from '../domain/order-status.js';
import type { OrderEntity } from '../entities/order.entity.js';
import type { RefillEntity, RefillStatus } from '../entities/refill.entity.js';
import { OrderEvents } from '../events/order-events.js';
import { OrdersRepository } from '../orders.repository.js';
import { UpstreamOrders } from '../ports/upstream-orders.port.js';
import { dueOrder } from '../sync/due-order.js';
import { OrderSyncService } from '../sync/order-sync.service.js';
import { PollSchedule } from '../sync/poll-schedule.service.js';
import { RefillsRepository } from './refills.repository.js';

const OPEN_REFILL: RefillStatus[] = ['pending', 'in_progress'];

/** One order of a batch refill: the refill requested, or the refusal's code and detail. */
export interface RefillOutcome {
  readonly orderId: number;
  readonly refill?: RefillEntity;
  readonly code?: string;
  readonly error?: string;
}

/** Refills are forwarded to the upstream holding the order, where its offer supports them. */
@Injectable()
export class RefillsService {
  private readonly logger = new Logger('Refills');

  constructor(
    private readonly schedule: PollSchedule,
    private readonly orders: OrdersRepository,
    private readonly refills: RefillsRepository,
    private readonly upstream: UpstreamOrders,
    private readonly transactions: Transactions,
    private readonly sync: OrderSyncService,
    private readonly events: OrderEvents,
  ) {}

  /**
   * Asks the upstream holding the order for a refill. An order the last poll saw open is
   * refreshed from its upstream first (it may have completed since): a refusal never rests on a
   * stale status. `fresh`: orders refreshed already (a batch refreshes them in one call).
   */
  async request(
    partnerId: number,
    orderId: number,
    fresh: ReadonlySet<number> = new Set(),
  ): Promise<RefillEntity> {
    let order = await this.orders.findOfPartner(partnerId, orderId);
    if (!order) throw new DomainError('not_found', `Order ${orderId} does not exist.`);
    if (!fresh.has(order.id) && order.canRefill && isStale(order)) {
      await this.sync.refreshOne(dueOrder(order));
      order = await this.orders.get(order.id);
    }
    if (!order.canRefill) {
      throw new DomainError(
        'refill_not_supported',
        `Order ${orderId} was placed on an offer without refill.`,
      );
    }
    if (
      (order.status !== 'completed' && order.status !== 'partial') ||
      !order.upstreamOrderId ||
      !order.providerId
    ) {
      throw new DomainError(
        'order_not_eligible',
        `Order ${orderId} is ${order.status}: only completed or partial orders can be refilled.`,
      );
    }
    const outcome = await this.upstream.refill(order.providerId, order.upstreamOrderId);
    if (outcome.kind === 'rejected') {
      throw new DomainError(
        'order_not_eligible',
        `The upstream refused the refill: ${outcome.message}`,
      );
    }
    if (outcome.kind !== 'success') {
      throw new DomainError(
        'upstreams_unavailable',
        'The upstream holding this order did not answer; try again later.',
      );
    }
    const now = new Date();
    return this.transactions.run((m) =>
      this.refills.insert(m, {
        orderId: order.id,
        partnerId,
        providerId: order.providerId!,
        upstreamRefillId: outcome.value.refillId,
        status: 'pending',
        upstreamStatus: null,
        nextPollAt: this.schedule.next(now, 0),
        pollCount: 0,
      }),
    );
  }

  /** Per id, in the order asked (duplicates once): the refill, or why not. */
  async requestMany(partnerId: number, orderIds: number[]): Promise<RefillOutcome[]> {
    // Open orders are refreshed together first: one status call per upstream, not one per order.
    const stale = (await this.orders.findManyOfPartner(partnerId, orderIds)).filter(
      (o) => o.canRefill && isStale(o),
    );
    if (stale.length > 0) await this.sync.refresh(stale.map(dueOrder));
    const fresh = new Set(stale.map((o) => o.id));
    const outcomes: RefillOutcome[] = [];
    for (const orderId of new Set(orderIds)) {
      try {
        outcomes.push({ orderId, refill: await this.request(partnerId, orderId, fresh) });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        outcomes.push({ orderId, code: error.code, error: error.detail });
      }
    }
    return outcomes;
  }

  async get(partnerId: number, refillId: number): Promise<RefillEntity> {
    const refill = await this.refills.findOfPartner(partnerId, refillId);
    if (!refill) throw new DomainError('not_found', `Refill ${refillId} does not exist.`);
    return refill;
  }

  /** Polls due refills, grouped per upstream (≤100 ids per call). Returns how many were polled. */
  async sweep(now = new Date()): Promise<number> {
    const due = await this.refills.due(OPEN_REFILL, now, 5_000);
    const byProvider = new Map<number, RefillEntity[]>();
    for (const r of due) byProvider.set(r.providerId, [...(byProvider.get(r.providerId) ?? []), r]);
    for (const [providerId, group] of byProvider) {
      const result = await this.upstream.refillStatuses(
        providerId,
        group.map((r) => r.upstreamRefillId),
      );
      await this.transactions.run(async (m) => {
        const changed: RefillEntity[] = [];
        for (const refill of group) {
          const entry = result.results.get(refill.upstreamRefillId);
          const pollCount = refill.pollCount + 1;
          const status =
            entry?.kind === 'ok' ? mapRefill(entry.value.status, refill.status) : refill.status;
          await this.refills.update(m, refill.id, {
            status,
            upstreamStatus: entry?.kind === 'ok' ? entry.value.rawStatus : refill.upstreamStatus,
            pollCount,
            nextPollAt: OPEN_REFILL.includes(status) ? this.schedule.next(now, pollCount) : null,
          });
          if (status !== refill.status) changed.push({ ...refill, status, updatedAt: now });
        }
        await this.events.refillsChanged(m, changed);
      });
    }
    if (due.length > 0) this.logger.debug({ polled: due.length }, 'Refill statuses polled');
    return due.length;
  }
}

/** Open upstream at the last poll: it may have completed since (refills need it completed). */
function isStale(order: OrderEntity): boolean {
  return isPollable(order.status) && order.upstreamOrderId !== null && order.providerId !== null;
}

function mapRefill(upstream: UpstreamRefillStatus, current: RefillStatus): RefillStatus {
  return upstream === 'unknown' ? current : upstream;
}
