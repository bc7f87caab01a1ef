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
