import type { Decimal } from 'decimal.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { Money, roundUpShown } from '../../common/money/money.js';

type Exact = string | Decimal;

/**
 * A partner's rate for a service, pure and exact:
 *
 *   rate = ceil₅( costInBase × (1 + markupPercent / 100) ÷ basePerUnit )
 *
 * `costInBase` is the routed (cheapest eligible) upstream cost in the gateway's base currency;
 * `basePerUnit` is how many base-currency units one unit of the partner's currency is worth
 * (1 when the partner uses the base currency). Intermediate values keep 60 significant digits;
 * the one rounding happens at the end, up (towards +∞) at 5 decimals, so the gateway never
 * sells below its cost because of rounding.
 */
export function partnerRate(
  costInBase: Exact,
  markupPercent: Exact,
  basePerUnit: Exact = '1',
): string {
  const cost = new Money(costInBase);
  const factor = new Money(markupPercent).div(100).plus(1);
  const rate = new Money(basePerUnit);
  if (cost.isNegative() || factor.isNegative() || !rate.isPositive() || rate.isZero()) {
    throw new RangeError(
      'partnerRate: cost and markup must not be negative, the currency rate must be positive',
    );
  }
  return roundUp(cost.times(factor).div(rate)).toFixed();
}

/** Rounds up (towards +∞) at the shown decimals. */
export const roundUp = roundUpShown;

/**
 * What an order costs the partner: its rate (per 1000, as SMM panels quote) × quantity ÷ 1000,
 * rounded up at 5 decimals. Fixed when the order is placed.
 */
export function orderCharge(ratePerThousand: Exact, quantity: number | bigint): string {
  if (typeof quantity === 'number' && !Number.isSafeInteger(quantity)) {
    throw new RangeError('orderCharge: quantity must be an integer');
  }
  return roundUp(new Money(ratePerThousand).times(quantity.toString()).div(1000)).toFixed();
}

/** 422 max_charge_exceeded when the charge is above the caller's maxCharge (when given). */
export function assertWithinMaxCharge(
  charge: Exact,
  maxCharge: Exact | undefined | null,
  currency: string,
): void {
  if (maxCharge === undefined || maxCharge === null) return;
  if (new Money(charge).gt(maxCharge)) {
    throw new DomainError(
      'max_charge_exceeded',
      `The charge of ${new Money(charge).toFixed()} ${currency} is above maxCharge ${new Money(maxCharge).toFixed()} ${currency}.`,
      { charge: new Money(charge).toFixed(), maxCharge: new Money(maxCharge).toFixed(), currency },
    );
  }
}
