import type { OrderEntity } from './entities/order.entity.js';

/**
 * What API v2 `status` needs of an order: its counts and money, and the freshness fields
 * (`dueOrder`). No dates to convert but the status check's, no link, no parameters.
 */
export type OrderStatusView = Pick<
  OrderEntity,
  | 'id'
  | 'partnerId'
  | 'status'
  | 'quantity'
  | 'runs'
  | 'charge'
  | 'currency'
  | 'refunded'
  | 'providerId'
  | 'upstreamOrderId'
  | 'startCount'
  | 'remains'
  | 'upstreamStatus'
  | 'statusCheckedAt'
  | 'pollCount'
>;

/**
 * What a partner's read of an order needs: the partner view (`toOrderDto`) and whether the status
 * is stale enough to refresh from the upstream. The hot reads (`GET /v1/orders/{id}`, `?ids=`)
 * load only these columns, not the 41 of the row; a full entity is one.
 */
export type OrderView = OrderStatusView &
  Pick<OrderEntity, 'serviceId' | 'link' | 'interval' | 'params' | 'createdAt' | 'updatedAt'>;

/** The columns of an OrderStatusView, as selected. */
export const ORDER_STATUS_COLUMNS =
  'id, partner_id, status, quantity, runs, charge, currency, refunded, provider_id, ' +
  'upstream_order_id, start_count, remains, upstream_status, status_checked_at, poll_count';

/** The columns of an OrderView, as selected. */
export const ORDER_VIEW_COLUMNS = `${ORDER_STATUS_COLUMNS}, service_id, link, "interval", params, created_at, updated_at`;
