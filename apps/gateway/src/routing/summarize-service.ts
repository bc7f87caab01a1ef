import type { Decimal } from 'decimal.js';
import { AMOUNT_SCALE, BASE_RATE_SCALE, fromUnits, pow10, RATE_SCALE } from './fixed-point.js';
import { structuralReasons } from './rank-offers.js';
import { isPackageType } from './route-inputs.js';
import type { CurrencyTable, RouteOffer, RouteTarget } from './route-types.js';

/** What the partner catalog shows for one service: computed from its eligible offers. */
export interface ServiceSummary {
  /** The cheapest eligible rate converted to the base currency (per 1000, or per package). */
  readonly rate: Decimal;
  /** The widest range some eligible offer accepts. */
  readonly min: number;
  readonly max: number;
  /** How many offers are eligible. */
  readonly eligibleOffers: number;
}

/**
 * Summarizes a service for its catalog entry, or null when no offer could serve it at all.
 * Pure. An offer counts when it passes every request-independent check, its currency has a
 * rate, and the last known balance covers at least its minimum order.
 */
export function summarizeService(
  target: RouteTarget,
  offers: readonly RouteOffer[],
  currencies: CurrencyTable,
  at: number,
): ServiceSummary | null {
  const pkg = isPackageType(target.type);
  let best: bigint | undefined;
  let min = Number.POSITIVE_INFINITY;
  let max = 0;
  let eligible = 0;
  for (const offer of offers) {
    if (structuralReasons(target, offer, at) !== undefined) continue;
    const fx = currencies.units.get(offer.provider.currency);
    if (fx === undefined) continue;
    const minCost = pkg
      ? offer.rateUnits * pow10(AMOUNT_SCALE - RATE_SCALE)
      : offer.rateUnits * BigInt(offer.min);
    const balance = offer.provider.balanceUnits;
    if (balance === null || balance < minCost) continue;
    const rate = offer.rateUnits * fx;
    if (best === undefined || rate < best) best = rate;
    min = Math.min(min, offer.min);
    max = Math.max(max, offer.max);
    eligible++;
  }
  if (best === undefined) return null;
  return { rate: fromUnits(best, BASE_RATE_SCALE), min, max, eligibleOffers: eligible };
}
