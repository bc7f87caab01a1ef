import { Decimal } from 'decimal.js';

/** Money shown to partners and written to the ledger carries at most 5 decimals. */
export const MONEY_DECIMALS = 5;

/**
 * What a partner gets back when an order ends. Partial refunds remains/quantity of the charge
 * (as panels do), rounded DOWN at 5 decimals so a refund never exceeds what was charged;
 * canceled refunds the whole charge. Remains outside [0, quantity] are clamped: over-delivery
 * (negative remains) refunds nothing. Unknown remains on a partial refund nothing and must be
 * settled by an admin (the caller flags it).
 */
export function refundFor(
  status: 'partial' | 'canceled',
  charge: string,
  totalQuantity: number,
  remains: number | null,
): Decimal | null {
  const full = new Decimal(charge);
  if (status === 'canceled') return full;
  if (remains === null || totalQuantity <= 0) return null;
  const clamped = Math.min(Math.max(remains, 0), totalQuantity);
  return full.times(clamped).div(totalQuantity).toDecimalPlaces(MONEY_DECIMALS, Decimal.ROUND_DOWN);
}
