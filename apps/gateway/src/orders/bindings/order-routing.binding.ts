import { Injectable } from '@nestjs/common';
import { isServiceType, SERVICE_TYPE_RULES } from '#smm-protocol';
import { Decimal } from 'decimal.js';
import type { RankedOffer } from '../../routing/route-types.js';
import { OfferLimits } from '../../catalog/offer-limits.service.js';
import { RoutingService } from '../../routing/routing.service.js';
import { quantityLimits } from '../placement/quantity-limits.js';
import {
  OrderRouting,
  type OrderableService,
  type RouteCandidate,
  type RouteExclusion,
  type RouteQuery,
} from '../ports/order-routing.port.js';

/**
 * OrderRouting over the routing module's in-memory snapshot (no database read per order): a plain
 * map of the ranking's fields onto the orders module's own types.
 */
@Injectable()
export class SnapshotOrderRouting extends OrderRouting {
  constructor(
    private readonly routing: RoutingService,
    private readonly limits: OfferLimits,
  ) {
    super();
  }

  offerRefused(
    offer: { providerId: number; upstreamServiceId: string },
    message: string,
  ): Promise<void> {
    const limits = quantityLimits(message);
    if (limits.min === undefined && limits.max === undefined) return Promise.resolve();
    return this.limits.correct(offer, limits);
  }

  async findService(serviceId: number): Promise<OrderableService | null> {
    const s = await this.routing.service(serviceId);
    if (!s || !isServiceType(s.type)) return null;
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
        rate: r.baseRate,
        units: r.units,
        perPackage: isPackage(r),
        canRefill: r.offer.refill,
        canCancel: r.offer.cancel,
        upstream: {
          rate: r.offer.rate,
          currency: r.provider.currency,
          fx: r.fx,
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

/** Package types cost their rate once; the others rate × units / 1000. */
function isPackage(r: RankedOffer): boolean {
  return isServiceType(r.offer.type) && SERVICE_TYPE_RULES[r.offer.type].ratePerPackage;
}
