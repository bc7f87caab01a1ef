import type { OrderEntity } from './entities/order.entity.js';

/**
 * What a partner's read of an order needs: the partner view (`toOrderDto`) and whether the status
 * is stale enough to refresh from the upstream (`dueOrder`). The hot reads (`GET /v1/orders/{id}`,
 * `?ids=`, API v2 `status`) load only these columns, not the 41 of the row; a full entity is one.
 */
export type OrderView = Pick<
  OrderEntity,
  | 'id'
  | 'partnerId'
  | 'serviceId'
  | 'status'
  | 'link'
  | 'quantity'
  | 'runs'
  | 'interval'
  | 'params'
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
  | 'createdAt'
  | 'updatedAt'
>;

/** The columns of an OrderView, as selected. */
export const ORDER_VIEW_COLUMNS =
  'id, partner_id, service_id, status, link, quantity, runs, "interval", params, charge, currency, ' +
  'refunded, provider_id, upstream_order_id, start_count, remains, upstream_status, ' +
  'status_checked_at, poll_count, created_at, updated_at';

/**
 * What API v2 `status` needs of an order: its counts and money, and the freshness fields
 * (`dueOrder`). No dates to convert but the status check's, no link, no parameters.
 */
export type OrderStatusView = Pick<
  OrderView,
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

/** The columns of an OrderStatusView, as selected. */
export const ORDER_STATUS_COLUMNS =
  'id, partner_id, status, quantity, runs, charge, currency, refunded, provider_id, ' +
  'upstream_order_id, start_count, remains, upstream_status, status_checked_at, poll_count';
