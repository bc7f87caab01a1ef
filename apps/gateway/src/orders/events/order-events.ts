import { Injectable } from '@nestjs/common';
import type { Tx } from '../../database/transactions.js';
import { WebhookOutbox } from '../../webhooks/webhook-outbox.js';
import type { OutboxEvent } from '../../webhooks/webhook-types.js';
import type { StuckOrder } from '../sync/order-polls.repository.js';
import { toOrderDto } from '../dto/order-view.dto.js';
import { toRefillDto } from '../dto/refill-view.dto.js';
import type { RefillEntity } from '../entities/refill.entity.js';
import type { OrderAttemptEntity } from '../entities/order-attempt.entity.js';
import type { OrderEntity } from '../entities/order.entity.js';
import { OrdersRepository } from '../orders.repository.js';

/** An order whose partner-visible state (status, remains, start count, charge, refunded) changed. */
export interface ChangedOrder {
  readonly id: number;
  readonly partnerId: number;
}

/**
 * Writes order.updated events, in the transaction of the change: the order as GET /v1/orders/{id}
 * shows it after the change. The event's id is its `version`: a later change of one order always
 * commits a later event (the order's row lock orders them). Orders of partners nobody listens for
 * cost nothing.
 */
@Injectable()
export class OrderEvents {
  constructor(
    private readonly outbox: WebhookOutbox,
    private readonly orders: OrdersRepository,
  ) {}

  async changed(m: Tx, changes: readonly ChangedOrder[]): Promise<void> {
    if (changes.length === 0) return;
    const listening = new Map<number, boolean>();
    for (const { partnerId } of changes) {
      if (!listening.has(partnerId)) {
        listening.set(partnerId, await this.outbox.listens(m, partnerId, 'order.updated'));
      }
    }
    const ids = changes.filter((c) => listening.get(c.partnerId)).map((c) => c.id);
    if (ids.length === 0) return;
    const orders = await this.orders.loadMany(ids, m);
    const events: OutboxEvent[] = orders.map((order) => ({
      audience: order.partnerId,
      type: 'order.updated',
      data: { ...toOrderDto(order) },
    }));
    await this.outbox.emit(m, events);
  }

  /** refill.updated: the refill as GET /v1/refills/{id} shows it after its status changed. */
  async refillsChanged(m: Tx, refills: readonly RefillEntity[]): Promise<void> {
    await this.outbox.emit(
      m,
      refills.map((r) => ({
        audience: r.partnerId,
        type: 'refill.updated' as const,
        data: { ...toRefillDto(r) },
      })),
    );
  }

  /** order.needs_reconciliation (operator): sent upstream, outcome unknown. */
  async needsReconciliation(
    m: Tx,
    order: OrderEntity,
    attempt: OrderAttemptEntity,
    reason: string,
  ): Promise<void> {
    await this.outbox.emit(m, [
      {
        audience: null,
        type: 'order.needs_reconciliation',
        data: {
          orderId: order.id,
          partnerId: order.partnerId,
          providerId: attempt.providerId,
          upstreamServiceId: attempt.upstreamServiceId,
          reason,
        },
      },
    ]);
  }

  /** order.stuck (operator): open far longer than it should be. */
  async stuck(m: Tx, orders: readonly StuckOrder[]): Promise<void> {
    await this.outbox.emit(
      m,
      orders.map((o) => ({
        audience: null,
        type: 'order.stuck' as const,
        data: {
          orderId: o.id,
          partnerId: o.partnerId,
          providerId: o.providerId,
          status: o.status,
          createdAt: o.createdAt.toISOString(),
        },
      })),
    );
  }
}
