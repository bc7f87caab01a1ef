import type { OrderStatusView } from '../order-view.js';
import type { DueOrder } from './order-polls.repository.js';

/** What a poll of this order needs (it must have an upstream order id and provider). */
export function dueOrder(order: OrderStatusView): DueOrder {
  return {
    id: order.id,
    partnerId: order.partnerId,
    providerId: order.providerId!,
    upstreamOrderId: order.upstreamOrderId!,
    status: order.status,
    pollCount: order.pollCount,
    upstreamStatus: order.upstreamStatus,
    startCount: order.startCount,
    remains: order.remains,
  };
}
