import { Injectable } from '@nestjs/common';
import { isServiceType, SERVICE_TYPE_RULES } from '#smm-protocol';
import { Decimal } from 'decimal.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { fromUnits, RATE_SCALE } from '../../routing/fixed-point.js';
import type { CurrencyTable, RankedOffer } from '../../routing/route-types.js';
import { RoutingService, type RoutingResult } from '../../routing/routing.service.js';
import {
  OrderRouting,
  type OrderableService,
  type RouteCandidate,
  type RouteExclusion,
  type RouteQuery,
} from '../ports/order-routing.port.js';

/** OrderRouting over the routing module's in-memory snapshot (no database read per order). */
@Injectable()
export class SnapshotOrderRouting extends OrderRouting {
  constructor(private readonly routing: RoutingService) {
    super();
  }

  async findService(serviceId: number): Promise<OrderableService | null> {
    let result: RoutingResult;
    try {
      result = await this.routing.route(serviceId, { quantity: 1 });
    } catch (error) {
      if (error instanceof DomainError && error.code === 'not_found') return null;
      throw error;
    }
    const s = result.service;
    if (!isServiceType(s.type)) return null;
    return {
      id: s.id,
      name: s.name,
      type: s.type,
      refill: s.refill,
      cancel: s.cancel,
      dripfeed: s.dripfeed,
    };
  }

  async route(
    serviceId: number,
    query: RouteQuery,
  ): Promise<{ ranked: RouteCandidate[]; excluded: RouteExclusion[] }> {
    const decision = await this.routing.route(serviceId, query);
    const ranked = decision.ranked;
    // Next-best and most expensive come from this very ranking (cheapest first): no second one.
    const maxCost = ranked.length > 0 ? ranked[ranked.length - 1]!.baseCost : new Decimal(0);
    return {
      ranked: ranked.map((r, i) => ({
        providerId: r.offer.provider.id,
        upstreamServiceId: r.offer.upstreamServiceId,
        cost: r.baseCost,
        rate:
          r.offer.rate.isZero() || r.units === 0
            ? r.baseCost
            : perUnit(r.baseCost, r.units, isPackage(r)),
        units: r.units,
        perPackage: isPackage(r),
        canRefill: r.offer.refill,
        canCancel: r.offer.cancel,
        upstream: {
          rate: r.offer.rate,
          currency: r.provider.currency,
          fx: fxOf(decision.currencies, r.provider.currency),
          cost: r.cost,
          nextBestCost: ranked[i + 1]?.baseCost ?? null,
          maxCost,
        },
      })),
      excluded: decision.excluded.map((e) => ({
        providerId: e.offer.provider.id,
        upstreamServiceId: e.offer.upstreamServiceId,
        reasons: e.reasons.map((r) => r.code),
      })),
    };
  }
}

const Exact = Decimal.clone({ precision: 60 });

/** The rate the ranking converted with (every ranked offer's currency has one). */
function fxOf(currencies: CurrencyTable, currency: string): Decimal {
  if (currency === currencies.base) return new Decimal(1);
  const units = currencies.units.get(currency);
  return units === undefined ? new Decimal(1) : fromUnits(units, RATE_SCALE);
}

/** Package types cost their rate once; the others rate × units / 1000. */
function isPackage(r: RankedOffer): boolean {
  return isServiceType(r.offer.type) && SERVICE_TYPE_RULES[r.offer.type].ratePerPackage;
}

/** The offer's rate in the base currency, back from the order's cost (exact at 60 digits). */
function perUnit(baseCost: Decimal, units: number, perPackage: boolean): Decimal {
  if (perPackage) return baseCost;
  return new Decimal(new Exact(baseCost.toString()).times(1000).div(units).toString());
}
