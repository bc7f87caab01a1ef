export const ORDER_STATUSES = [
  'pending',
  'in_progress',
  'completed',
  'partial',
  'canceled',
  'refunded',
  'failed',
  'unknown',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const REFILL_STATUSES = [
  'pending',
  'in_progress',
  'completed',
  'rejected',
  'error',
  'canceled',
  'unknown',
] as const;
export type RefillStatus = (typeof REFILL_STATUSES)[number];

// Keys are lower-cased with spaces, `_` and `-` collapsed to one space.
const ORDER_SPELLINGS: Readonly<Record<string, OrderStatus>> = {
  pending: 'pending',
  'in progress': 'in_progress',
  inprogress: 'in_progress',
  processing: 'in_progress',
  completed: 'completed',
  complete: 'completed',
  partial: 'partial',
  canceled: 'canceled',
  cancelled: 'canceled',
  refunded: 'refunded',
  fail: 'failed',
  failed: 'failed',
  error: 'failed',
};

const REFILL_SPELLINGS: Readonly<Record<string, RefillStatus>> = {
  pending: 'pending',
  'in progress': 'in_progress',
  inprogress: 'in_progress',
  processing: 'in_progress',
  completed: 'completed',
  complete: 'completed',
  rejected: 'rejected',
  error: 'error',
  fail: 'error',
  failed: 'error',
  canceled: 'canceled',
  cancelled: 'canceled',
};

function spellingKey(raw: string): string {
  return raw
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ');
}

/** The order status a panel's text names; `unknown` (keep the raw text) for anything else. */
export function normalizeOrderStatus(raw: string): OrderStatus {
  return ORDER_SPELLINGS[spellingKey(raw)] ?? 'unknown';
}

export function normalizeRefillStatus(raw: string): RefillStatus {
  return REFILL_SPELLINGS[spellingKey(raw)] ?? 'unknown';
}

/** Whether the reference's spelling tables know this text (used to tell statuses from bare errors). */
export function isKnownRefillStatusText(raw: string): boolean {
  return spellingKey(raw) in REFILL_SPELLINGS;
}

/**
 * Terminal per the reference: Completed, Partial, Canceled and Refunded. `failed` and `unknown` are
 * not: the reference lists Fail/Error only as "seen", and says to keep polling an unknown value.
 */
export function isTerminalOrderStatus(status: OrderStatus): boolean {
  return (
    status === 'completed' || status === 'partial' || status === 'canceled' || status === 'refunded'
  );
}
