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
}
