import type { Decimal } from 'decimal.js';
import { AMOUNT_SCALE, BASE_RATE_SCALE, fromUnits, pow10, RATE_SCALE } from './fixed-point.js';
import { asSlice, type Candidates } from './offer-table.js';
import { structuralReasons } from './rank-offers.js';
import { isPackageType } from './route-inputs.js';
import type { CurrencyTable, RouteTarget } from './route-types.js';

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
  candidates: Candidates,
  currencies: CurrencyTable,
  at: number,
): ServiceSummary | null {
  // Like routing, ejection never removes the last providers able to serve a service.
  return (
    summarize(target, candidates, currencies, at, false) ??
    summarize(target, candidates, currencies, at, true)
  );
}

function summarize(
  target: RouteTarget,
  candidates: Candidates,
  currencies: CurrencyTable,
  at: number,
  allowEjected: boolean,
): ServiceSummary | null {
  const { table, start, end } = asSlice(candidates);
  const pkg = isPackageType(target.type);
  const typeId = table.typeId(target.type);
  let best: bigint | undefined;
  let min = Number.POSITIVE_INFINITY;
  let max = 0;
  let eligible = 0;
  for (let i = start; i < end; i++) {
    const reasons = structuralReasons(target, table, i, typeId, at);
    if (
      reasons !== undefined &&
      !(allowEjected && reasons.every((r) => r.code === 'provider_ejected'))
    ) {
      continue;
    }
    const provider = table.providers[i]!;
    const fx = currencies.units.get(provider.currency);
    if (fx === undefined) continue;
    const rate = table.rateUnits[i]!;
    const minCost = pkg ? rate * pow10(AMOUNT_SCALE - RATE_SCALE) : rate * BigInt(table.min[i]!);
    if (provider.balanceUnits === null || provider.balanceUnits < minCost) continue;
    const baseRate = rate * fx;
    if (best === undefined || baseRate < best) best = baseRate;
    min = Math.min(min, table.min[i]!);
    max = Math.max(max, table.max[i]!);
    eligible++;
  }
  if (best === undefined) return null;
  return { rate: fromUnits(best, BASE_RATE_SCALE), min, max, eligibleOffers: eligible };
}
