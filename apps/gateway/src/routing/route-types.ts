import type { Decimal } from 'decimal.js';

/**
 * Inputs and outputs of the pure ranking function. Plain data, no Nest, no ORM: the routing
 * service builds them from its in-memory catalog snapshot; tests and benchmarks build them by hand
 * with the factories in route-inputs.ts.
 */

/** What routing needs to know about an upstream panel. */
export interface RouteProvider {
  readonly id: number;
  readonly name: string;
  readonly enabled: boolean;
  /**
   * Epoch ms until which the provider is ejected (outlier ejection or an admin's); once past,
   * it stays out until a health probe succeeds. Null when it is in rotation.
   */
  readonly ejectedUntil: number | null;
  /** Higher wins a tie on cost. */
  readonly priority: number;
  /** ISO 4217 code of the upstream account: every rate and the balance are in it. */
  readonly currency: string;
  /** Last known upstream balance; null when it was never read. */
  readonly balance: Decimal | null;
  /** The same balance in 10^-15 units (AMOUNT_SCALE). */
  readonly balanceUnits: bigint | null;
}

/** One upstream service (an offer) mapped to the canonical service being routed. */
export interface RouteOffer {
  readonly offerId: number;
  readonly provider: RouteProvider;
  readonly upstreamServiceId: string;
  readonly type: string;
  /** Per 1000 units, or per package for the package types, in the provider's currency. */
  readonly rate: Decimal;
  /** The same rate in 10^-12 units (RATE_SCALE). */
  readonly rateUnits: bigint;
  readonly min: number;
  readonly max: number;
  readonly refill: boolean;
  readonly cancel: boolean;
  readonly dripfeed: boolean;
  /** False once the offer disappeared from the upstream catalog. */
  readonly available: boolean;
}

/** The canonical service (ours): its type and the capabilities it promises. */
export interface RouteTarget {
  readonly id: number;
  readonly type: string;
  readonly refill: boolean;
  readonly cancel: boolean;
  readonly dripfeed: boolean;
}

/** Conversion rates into the base currency. */
export interface CurrencyTable {
  readonly base: string;
  /** Base units one unit of the currency is worth, in 10^-12 units; the base itself maps to 10^12. */
  readonly units: ReadonlyMap<string, bigint>;
  readonly rates: ReadonlyMap<string, Decimal>;
}

/** One request to route. */
export interface RouteRequest {
  /** Units per run (ignored for package types, which cost one package). */
  readonly quantity: number;
  /** Drip-feed runs; when present the offer must support drip-feed and the total is quantity × runs. */
  readonly runs?: number;
  /** Only these providers may serve the request. */
  readonly only?: readonly number[];
  /** These providers may not serve the request. */
  readonly ignore?: readonly number[];
  /** The most the caller accepts to pay, in the base currency (compared with the cost). */
  readonly maxCharge?: Decimal;
  /** Epoch ms of the decision (ejections end by time). */
  readonly at: number;
}

export const EXCLUSION_CODES = [
  'provider_disabled',
  'provider_ejected',
  'offer_unavailable',
  'type_mismatch',
  'quantity_below_min',
  'quantity_above_max',
  'missing_refill',
  'missing_cancel',
  'missing_dripfeed',
  'no_currency_rate',
  'insufficient_balance',
  'balance_unknown',
  'provider_not_allowed',
  'provider_ignored',
  'above_max_charge',
] as const;
export type ExclusionCode = (typeof EXCLUSION_CODES)[number];

export interface ExclusionReason {
  readonly code: ExclusionCode;
  readonly message: string;
}

/** An eligible offer with its cost for the request. */
export interface RankedOffer {
  readonly offer: RouteOffer;
  /** The provider's state at decision time (may be newer than `offer.provider`). */
  readonly provider: RouteProvider;
  /** Total units (quantity × runs), 1 for a package. */
  readonly units: number;
  /** Cost in the provider's currency, 10^-15 units (AMOUNT_SCALE). */
  readonly costUnits: bigint;
  /** Cost in the base currency, 10^-27 units (BASE_AMOUNT_SCALE). */
  readonly baseCostUnits: bigint;
  /** Cost in the provider's currency. */
  readonly cost: Decimal;
  /** Cost converted to the base currency. */
  readonly baseCost: Decimal;
  /** The offer's rate (per 1000 units, or per package) converted to the base currency, exact. */
  readonly baseRate: Decimal;
  /** Base-currency units one unit of the provider's currency was worth for this ranking. */
  readonly fx: Decimal;
  /** Why an offer is ranked despite an exclusion (an ejected provider as the last resort). */
  readonly note?: string;
}

/** An offer that cannot serve the request, with every reason why. */
export interface ExcludedOffer {
  readonly offer: RouteOffer;
  /** The provider's state at decision time (may be newer than `offer.provider`). */
  readonly provider: RouteProvider;
  readonly reasons: readonly ExclusionReason[];
  /** Cost in the base currency when it could be computed. */
  readonly baseCost: Decimal | null;
}

export interface RouteDecision {
  /** Cheapest first; ties by priority (higher first), then provider id, then offer id. */
  readonly ranked: readonly RankedOffer[];
  readonly excluded: readonly ExcludedOffer[];
}
