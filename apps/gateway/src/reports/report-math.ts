import { Decimal } from 'decimal.js';
import { Money } from '../common/money/money.js';

/** The money module's exact arithmetic: sums and differences of report figures never round. */
export const Exact = Money;
export type Exact = Money;

/** A SQL sum (null for no rows) as an exact decimal. */
export const dec = (value: string | number | null | undefined): Exact =>
  new Exact(value === null || value === undefined ? 0 : String(value));

/** Canonical decimal text: no exponent, no trailing zeros (what every money field answers). */
export const text = (value: Exact): string => value.toFixed();

/** part ÷ whole × 100 at 4 decimals, half even; null when whole is zero. */
export function percent(part: Exact, whole: Exact): string | null {
  if (whole.isZero()) return null;
  return part.times(100).div(whole).toDecimalPlaces(4, Decimal.ROUND_HALF_EVEN).toFixed();
}
