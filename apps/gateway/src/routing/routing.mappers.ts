import type { RouteExplanationDto } from './dto/routes.dto.js';
import type { OrderableServiceDto } from './dto/service.dto.js';
import type { CatalogEntry, RoutingResult } from './routing.service.js';

/** The explain view: every decimal as a string, providers named. */
export function toRouteExplanation(
  result: RoutingResult,
  quantity: number,
  runs: number | undefined,
): RouteExplanationDto {
  return {
    serviceId: result.service.id,
    quantity,
    runs: runs ?? null,
    baseCurrency: result.baseCurrency,
    ranked: result.ranked.map((r, index) => ({
      rank: index + 1,
      providerId: r.provider.id,
      providerName: r.provider.name,
      offerId: r.offer.offerId,
      upstreamServiceId: r.offer.upstreamServiceId,
      rate: r.offer.rate.toFixed(),
      currency: r.provider.currency,
      upstreamCost: r.cost.toFixed(),
      cost: r.baseCost.toFixed(),
      priority: r.provider.priority,
      note: r.note ?? null,
    })),
    excluded: result.excluded.map((e) => ({
      providerId: e.provider.id,
      providerName: e.provider.name,
      offerId: e.offer.offerId,
      upstreamServiceId: e.offer.upstreamServiceId,
      rate: e.offer.rate.toFixed(),
      currency: e.provider.currency,
      cost: e.baseCost === null ? null : e.baseCost.toFixed(),
      reasons: e.reasons.map((reason) => ({ code: reason.code, message: reason.message })),
    })),
  };
}

/**
 * The partner view of a catalog entry. The rate is the routed cost price in the base currency
 * until partner pricing exists; a price list will map `entry.summary.rate` here.
 */
/** A catalog entry at the caller's price (`rate` in `currency`, from PricingService.quote). */
export function toServiceDto(
  entry: CatalogEntry,
  currency: string,
  rate: string,
): OrderableServiceDto {
  const s = entry.service;
  return {
    id: s.id,
    name: s.name,
    category: s.category,
    type: s.type,
    rate,
    currency,
    min: entry.summary.min,
    max: entry.summary.max,
    refill: s.refill,
    cancel: s.cancel,
    dripfeed: s.dripfeed,
    description: s.description,
  };
}
