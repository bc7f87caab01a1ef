import { Injectable, Logger } from '@nestjs/common';
import type { Decimal } from 'decimal.js';
import { Transactions } from '../../database/transactions.js';
import { isPollable } from '../domain/order-status.js';
import { refundFor } from '../domain/settlement.js';
import { OrderEvents } from '../events/order-events.js';
import { OrdersRepository } from '../orders.repository.js';
import { OrderMoney } from '../ports/order-money.port.js';

/** What the upstream said about an order that ended Partial or Canceled. */
export interface OrderEnding {
  readonly id: number;
  readonly status: 'partial' | 'canceled';
  readonly upstreamStatus: string | null;
  readonly startCount: number | null;
  readonly remains: number | null;
  readonly pollCount: number;
}

/**
 * Ends an order Partial or Canceled and refunds the partner in the SAME transaction, so no crash
 * can leave an ended order unrefunded. Exactly once, however many times a job sees the status and
 * however many processes run it: the order row is locked and must still be open; the ledger's
 * unique key (one refund per order) is the last guard.
 */
@Injectable()
export class OrderSettlement {
  private readonly logger = new Logger('OrderSettlement');

  constructor(
    private readonly transactions: Transactions,
    private readonly money: OrderMoney,
    private readonly orders: OrdersRepository,
    private readonly events: OrderEvents,
  ) {}

  /** The refund written, or null when another run ended the order first (or none is due). */
  finish(ending: OrderEnding, now: Date): Promise<Decimal | null> {
    return this.transactions.run(async (m) => {
      const order = await this.orders.lockIfExists(m, ending.id);
      if (!order || !isPollable(order.status)) return null;
      const refund = refundFor(
        ending.status,
        order.charge,
        order.quantity * (order.runs ?? 1),
        ending.remains,
      );
      const written =
        refund !== null && !refund.isZero()
          ? await this.money.refund(
              m,
              order.partnerId,
              order.id,
              refund,
              `order ${order.id} ${ending.status}`,
            )
          : false;
      if (refund === null) {
        this.logger.warn(
          { orderId: order.id },
          'Partial order with unknown remains: refund left to an admin',
        );
      }
      await this.orders.update(m, order.id, {
        status: ending.status,
        upstreamStatus: ending.upstreamStatus,
        startCount: ending.startCount,
        remains: ending.remains,
        pollCount: ending.pollCount,
        statusCheckedAt: now,
        nextPollAt: null,
        leasedUntil: null,
        refunded: written ? refund!.toFixed() : '0',
        statusReason:
          refund === null
            ? 'Partial with unknown remains: refund needs an admin'
            : order.statusReason,
      });
      await this.events.changed(m, [order]);
      return written ? refund : null;
    });
  }
}
