import { Decimal } from 'decimal.js';
import { Money } from '../../common/money/money.js';

/** The money module's 60 digits: the exact quotients below never round. */
const Exact = Money;

/** Panels show charges at 5 decimals, rounded half up: a difference this small is rounding. */
export const CHARGE_ROUNDING = new Decimal('0.000005');

/** What the order was expected to cost upstream, as recorded at placement. */
export interface ExpectedCharge {
  /** Expected cost of the whole order, upstream currency. */
  readonly cost: string;
  readonly currency: string;
  /** Units ordered in total (quantity × runs; 1 for a package). */
  readonly units: number;
}

/** What a status answer said. */
export interface ReportedCharge {
  readonly charge: Decimal;
  readonly currency: string | null;
  readonly status: 'partial' | 'canceled' | 'other';
  readonly remains: number | null;
}

/**
 * The expected cost after the upstream's own refund: on Partial it refunds remains/units of the
 * charge (as the protocol says panels do), on Canceled all of it. Exact: cost × delivered / units
 * is rate × delivered / 1000, a finite decimal. Unknown or out-of-range remains keep the cost.
 */
export function expectedNet(
  expected: ExpectedCharge,
  reported: Pick<ReportedCharge, 'status' | 'remains'>,
): Decimal {
  const cost = new Decimal(expected.cost);
  if (reported.status === 'canceled') return new Decimal(0);
  if (reported.status !== 'partial') return cost;
  const { remains } = reported;
  if (remains === null || expected.units <= 0 || remains > expected.units) return cost;
  const delivered = expected.units - Math.max(remains, 0);
  return new Decimal(new Exact(cost.toFixed()).times(delivered).div(expected.units).toFixed());
}

/**
 * Whether a reported charge is off what the price list said: a different currency, or farther
 * than `tolerancePercent` of the expected amount (plus half a unit at 5 decimals, rounding) from
 * both the whole cost and — once the order ended Partial/Canceled — the cost net of the upstream's
 * refund (panels differ in which of the two their status answer keeps showing).
 */
export function isChargeMismatch(
  expected: ExpectedCharge,
  reported: ReportedCharge,
  tolerancePercent: string,
): boolean {
  if (reported.currency !== null && reported.currency !== expected.currency) return true;
  const candidates = [new Decimal(expected.cost)];
  if (reported.status !== 'other') candidates.push(expectedNet(expected, reported));
  const within = (e: Decimal) =>
    reported.charge
      .minus(e)
      .abs()
      .lte(e.abs().times(tolerancePercent).div(100).plus(CHARGE_ROUNDING));
  return !candidates.some(within);
}
