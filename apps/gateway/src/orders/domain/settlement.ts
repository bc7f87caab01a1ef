import type { Decimal } from 'decimal.js';
import { Money, roundDownShown } from '../../common/money/money.js';

/**
 * What a partner gets back when an order ends. Partial refunds remains/quantity of the charge
 * (as panels do), rounded DOWN at 5 decimals so a refund never exceeds what was charged;
 * canceled refunds the whole charge. Over-delivery (negative remains) refunds nothing. Unknown
 * remains — "Unknown", or more than was ordered (e.g. a package panel counting its lines) — return
 * null: refunding on a guess could give back more than the partner lost, so an admin settles it.
 */
export function refundFor(
  status: 'partial' | 'canceled',
  charge: string,
  totalQuantity: number,
  remains: number | null,
): Decimal | null {
  const full = new Money(charge);
  if (status === 'canceled') return full;
  if (remains === null || totalQuantity <= 0 || remains > totalQuantity) return null;
  const left = Math.max(remains, 0);
  return roundDownShown(full.times(left).div(totalQuantity));
}
