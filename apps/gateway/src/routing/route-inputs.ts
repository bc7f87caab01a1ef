import type { Decimal } from 'decimal.js';
import { AMOUNT_SCALE, RATE_SCALE, pow10, toUnits } from './fixed-point.js';
import type { CurrencyTable, RouteOffer, RouteProvider } from './route-types.js';

/** Upstream service types whose rate is the price of one package, whatever the quantity. */
export const PACKAGE_TYPES: ReadonlySet<string> = new Set(['Package', 'Custom Comments Package']);

export const isPackageType = (type: string): boolean => PACKAGE_TYPES.has(type);

/** Builds a RouteProvider, precomputing the balance's fixed-point units. */
export function routeProvider(fields: Omit<RouteProvider, 'balanceUnits'>): RouteProvider {
  return {
    ...fields,
    balanceUnits: fields.balance === null ? null : toUnits(fields.balance, AMOUNT_SCALE),
  };
}

/** Builds a RouteOffer, precomputing the rate's fixed-point units. */
export function routeOffer(fields: Omit<RouteOffer, 'rateUnits'>): RouteOffer {
  return { ...fields, rateUnits: toUnits(fields.rate, RATE_SCALE) };
}

/** The conversion table; the base currency is always worth 1. */
export function currencyTable(
  base: string,
  rates: Iterable<readonly [string, Decimal]>,
): CurrencyTable {
  const units = new Map<string, bigint>();
  const decimals = new Map<string, Decimal>();
  for (const [code, rate] of rates) {
    if (code === base) continue;
    units.set(code, toUnits(rate, RATE_SCALE));
    decimals.set(code, rate);
  }
  units.set(base, pow10(RATE_SCALE));
  return { base, units, rates: decimals };
}
