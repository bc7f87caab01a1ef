import { Injectable, Logger } from '@nestjs/common';
import { Decimal } from 'decimal.js';
import { Transactions } from '../../database/transactions.js';
import { refundFor } from '../domain/settlement.js';
import { OrderEntity } from '../entities/order.entity.js';
import { OrderMoney } from '../ports/order-money.port.js';

/**
 * Settles the wallet when an order ends Partial or Canceled: exactly once, however many times a
 * job sees the status and however many processes run it. The order row is locked, its
 * `refunded` checked, and the ledger's unique key (one refund per order) is the last guard.
 */
@Injectable()
export class OrderSettlement {
  private readonly logger = new Logger('OrderSettlement');

  constructor(
    private readonly transactions: Transactions,
    private readonly money: OrderMoney,
  ) {}

  settle(orderId: number): Promise<Decimal | null> {
    return this.transactions.run(async (m) => {
      const repo = m.getRepository(OrderEntity);
      const order = await repo.findOne({
        where: { id: orderId },
        ...this.transactions.lockForUpdate,
      });
      if (!order || (order.status !== 'partial' && order.status !== 'canceled')) return null;
      if (!new Decimal(order.refunded).isZero()) return null;
      const total = order.quantity * (order.runs ?? 1);
      const refund = refundFor(order.status, order.charge, total, order.remains);
      if (refund === null) {
        this.logger.warn(
          { orderId, remains: order.remains },
          'Partial order with unknown remains: refund left to an admin',
        );
        await repo.update(order.id, {
          statusReason: 'Partial with unknown remains: refund needs an admin',
        });
        return null;
      }
      if (refund.isZero()) return refund;
      const written = await this.money.refund(
        m,
        order.partnerId,
        order.id,
        refund,
        `order ${order.id} ${order.status}`,
      );
      if (written) await repo.update(order.id, { refunded: refund.toFixed() });
      return written ? refund : null;
    });
  }
}
