import type { Decimal } from 'decimal.js';
import type { ServiceType } from '#smm-protocol';

/** Our service as orders need it: its type and the capabilities it promises. */
export interface OrderableService {
  readonly id: number;
  readonly name: string;
  readonly type: ServiceType;
  readonly refill: boolean;
  readonly cancel: boolean;
  readonly dripfeed: boolean;
}

/** One upstream offer able to take the order, cheapest first. */
export interface RouteCandidate {
  readonly providerId: number;
  readonly upstreamServiceId: string;
  /** The whole order's cost on this offer, in the base currency. */
  readonly cost: Decimal;
  /** The offer's rate in the base currency: per 1000 units, or per package. */
  readonly rate: Decimal;
  /** Units the rate applies to: quantity × runs (per 1000), or 1 package. */
  readonly units: number;
  readonly perPackage: boolean;
  readonly canRefill: boolean;
  readonly canCancel: boolean;
  /** What the order costs upstream, as recorded with each attempt (docs/reports.md). */
  readonly upstream: UpstreamCost;
}

/** The offer's own price and what it and the ranking's alternatives cost at decision time. */
export interface UpstreamCost {
  /** The offer's rate in the upstream's currency (per 1000 units, or per package). */
  readonly rate: Decimal;
  readonly currency: string;
  /** Base-currency units one unit of the upstream's currency was worth. */
  readonly fx: Decimal;
  /** The whole order's cost in the upstream's currency. */
  readonly cost: Decimal;
  /** The next offer in the ranking after this one (its failover successor), base currency; null when none. */
  readonly nextBestCost: Decimal | null;
  /** The most expensive eligible offer of the same ranking, base currency. */
  readonly maxCost: Decimal;
}

export interface RouteExclusion {
  readonly providerId: number;
  readonly upstreamServiceId: string;
  readonly reasons: readonly string[];
}

export interface RouteQuery {
  /** Per run for drip-feed; the routing multiplies by runs for min/max and cost. */
  readonly quantity: number;
  readonly runs?: number;
  readonly only?: readonly number[];
  readonly ignore?: readonly number[];
}

/** Port onto the catalog and routing: which of our services exist, and who can take an order. */
export abstract class OrderRouting {
  /** The service, or null when it does not exist. */
  abstract findService(serviceId: number): Promise<OrderableService | null>;

  /** Eligible offers cheapest first, and why the others were excluded. */
  abstract route(
    serviceId: number,
    query: RouteQuery,
  ): Promise<{ ranked: RouteCandidate[]; excluded: RouteExclusion[] }>;

  /**
   * An upstream refused an offer's quantity although routing found it in range (its limits moved
   * since the last sync): correct the offer from the upstream's message and resync it soon.
   */
  abstract offerRefused(
    offer: { readonly providerId: number; readonly upstreamServiceId: string },
    message: string,
  ): Promise<void>;
}
