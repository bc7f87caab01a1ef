import { Injectable } from '@nestjs/common';
import { isServiceType } from '#smm-protocol';
import { DomainError } from '../../common/errors/domain-error.js';
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
