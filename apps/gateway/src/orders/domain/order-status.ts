import type { OrderStatus as UpstreamOrderStatus } from '#smm-protocol';

/**
 * The gateway's order lifecycle. `placing` (charged, upstream outcome not yet known) and
 * `needs_reconciliation` (sent, no parseable answer) are internal: partners see them as pending.
 */
export const ORDER_STATUSES = [
  'placing',
  'pending',
  'in_progress',
  'completed',
  'partial',
  'canceled',
  'failed',
  'needs_reconciliation',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const PARTNER_ORDER_STATUSES = [
  'pending',
  'in_progress',
  'completed',
  'partial',
  'canceled',
  'failed',
] as const;
export type PartnerOrderStatus = (typeof PARTNER_ORDER_STATUSES)[number];

const TERMINAL: ReadonlySet<OrderStatus> = new Set(['completed', 'partial', 'canceled', 'failed']);

export const isTerminal = (status: OrderStatus): boolean => TERMINAL.has(status);

/** Open orders with an upstream order id are polled by the status sync. */
export const isPollable = (status: OrderStatus): boolean =>
  status === 'pending' || status === 'in_progress';

export function partnerStatus(status: OrderStatus): PartnerOrderStatus {
  return status === 'placing' || status === 'needs_reconciliation' ? 'pending' : status;
}

/** Normalized upstream statuses, as the protocol library reports them. */
export type { OrderStatus as UpstreamOrderStatus } from '#smm-protocol';

/**
 * Maps an upstream status onto ours. `refunded` is the panel giving all the money back: for the
 * partner that is a cancellation. `failed` (Fail/Error) is terminal upstream and refunded in full.
 * `unknown` keeps the current status (and keeps polling).
 */
export function mapUpstreamStatus(
  upstream: UpstreamOrderStatus,
  current: OrderStatus,
): OrderStatus {
  switch (upstream) {
    case 'pending':
      return 'pending';
    case 'in_progress':
      return 'in_progress';
    case 'completed':
      return 'completed';
    case 'partial':
      return 'partial';
    case 'canceled':
    case 'refunded':
    case 'failed':
      return 'canceled';
    case 'unknown':
      return current;
  }
}
