import { Injectable } from '@nestjs/common';
import { isServiceType, SERVICE_TYPE_RULES } from '#smm-protocol';
import { Decimal } from 'decimal.js';
import { DomainError } from '../../common/errors/domain-error.js';
import type { RankedOffer } from '../../routing/route-types.js';
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
    return {
      ranked: decision.ranked.map((r) => ({
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

/** Package types cost their rate once; the others rate × units / 1000. */
function isPackage(r: RankedOffer): boolean {
  return isServiceType(r.offer.type) && SERVICE_TYPE_RULES[r.offer.type].ratePerPackage;
}

/** The offer's rate in the base currency, back from the order's cost (exact at 60 digits). */
function perUnit(baseCost: Decimal, units: number, perPackage: boolean): Decimal {
  if (perPackage) return baseCost;
  return new Decimal(new Exact(baseCost.toString()).times(1000).div(units).toString());
}
