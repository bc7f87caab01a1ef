import { Injectable } from '@nestjs/common';
import { DomainError } from '../../common/errors/domain-error.js';
import { isTerminal } from '../domain/order-status.js';
import type { OrderEntity } from '../entities/order.entity.js';
import { OrdersRepository } from '../orders.repository.js';
import { UpstreamOrders } from '../ports/upstream-orders.port.js';
import { dueOrder } from '../sync/due-order.js';
import { OrderSyncService } from '../sync/order-sync.service.js';

export interface CancelOutcome {
  readonly orderId: number;
  readonly accepted: boolean;
  readonly code?:
    'not_found' | 'cancel_not_supported' | 'order_not_eligible' | 'upstreams_unavailable';
  readonly error?: string;
}

/**
 * Cancels are forwarded to the upstream holding the order, where its offer supports them. The
 * order becomes canceled (and is refunded) when the upstream reports Canceled; the status is
 * refreshed right away, since many panels cancel at once.
 */
@Injectable()
export class CancelsService {
  constructor(
    private readonly orders: OrdersRepository,
    private readonly upstream: UpstreamOrders,
    private readonly sync: OrderSyncService,
  ) {}

  /** Cancels one order; answers it as stored after the upstream accepted (refreshed). */
  async cancelOne(partnerId: number, orderId: number): Promise<OrderEntity> {
    const [outcome] = await this.cancelMany(partnerId, [orderId]);
    if (outcome && !outcome.accepted) {
      throw new DomainError(outcome.code ?? 'order_not_eligible', outcome.error ?? 'Not canceled.');
    }
    return this.orders.get(orderId);
  }

  /** Per id (≤100): accepted, or why not. One upstream call per upstream. */
  async cancelMany(partnerId: number, orderIds: number[]): Promise<CancelOutcome[]> {
    const found = new Map(
      (await this.orders.findManyOfPartner(partnerId, orderIds)).map((o) => [o.id, o]),
    );
    const outcomes = new Map<number, CancelOutcome>();
    const byProvider = new Map<number, OrderEntity[]>();
    for (const id of orderIds) {
      const order = found.get(id);
      const refusal = refuse(id, order);
      if (refusal || !order) {
        outcomes.set(id, refusal!);
        continue;
      }
      byProvider.set(order.providerId!, [...(byProvider.get(order.providerId!) ?? []), order]);
    }
    for (const [providerId, group] of byProvider) {
      const result = await this.upstream.cancel(
        providerId,
        group.map((o) => o.upstreamOrderId!),
      );
      for (const order of group) {
        const entry = result.results.get(order.upstreamOrderId!);
        const accepted = entry?.kind === 'ok';
        if (accepted) {
          outcomes.set(order.id, { orderId: order.id, accepted });
          await this.refresh(order);
        } else if (entry?.kind === 'error') {
          outcomes.set(order.id, {
            orderId: order.id,
            accepted,
            code: 'order_not_eligible',
            error: `The upstream refused: ${entry.message}`,
          });
        } else {
          outcomes.set(order.id, {
            orderId: order.id,
            accepted,
            code: 'upstreams_unavailable',
            error: 'The upstream did not answer; try again later.',
          });
        }
      }
    }
    return orderIds.map((id) => outcomes.get(id)!);
  }

  private refresh(order: OrderEntity): Promise<void> {
    return this.sync.refreshOne(dueOrder(order));
  }
}

function refuse(id: number, order: OrderEntity | undefined): CancelOutcome | null {
  if (!order)
    return {
      orderId: id,
      accepted: false,
      code: 'not_found',
      error: `Order ${id} does not exist.`,
    };
  if (!order.canCancel) {
    return {
      orderId: id,
      accepted: false,
      code: 'cancel_not_supported',
      error: 'The offer that took this order does not support cancel.',
    };
  }
  if (isTerminal(order.status) || !order.upstreamOrderId || order.providerId === null) {
    return {
      orderId: id,
      accepted: false,
      code: 'order_not_eligible',
      error: `The order is ${order.status} and cannot be canceled.`,
    };
  }
  return null;
}
