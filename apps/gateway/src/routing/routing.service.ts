import type { CatalogSnapshot } from './catalog-snapshot.js';
import { Injectable } from '@nestjs/common';
import { notFound } from '../common/errors/domain-error.js';
import type { ServiceInfo } from './catalog-snapshot.js';
import { rankOffers } from './rank-offers.js';
import { RoutingIndex } from './routing-index.js';
import type { CurrencyTable, RouteDecision, RouteRequest } from './route-types.js';
import type { ServiceSummary } from './summarize-service.js';

/** A request to route; `at` defaults to now. */
export type RoutingRequest = Omit<RouteRequest, 'at'> & { readonly at?: number };

export interface RoutingResult extends RouteDecision {
  readonly service: ServiceInfo;
  readonly baseCurrency: string;
  /** The conversion rates the ranking used (the same snapshot). */
  readonly currencies: CurrencyTable;
}

/** A service partners can order, with what its eligible offers allow. */
export interface CatalogEntry {
  readonly service: ServiceInfo;
  /** `summary.rate` is the routed cost price in the base currency (before partner pricing). */
  readonly summary: ServiceSummary;
}

export interface CatalogFilter {
  readonly category?: string;
  readonly type?: string;
  /** Case-insensitive substring of the name, category or description. */
  readonly text?: string;
}

/**
 * The thin service around the pure ranking function: looks the service up in the in-memory
 * catalog snapshot and ranks its offers. This is what the orders module calls.
 */
@Injectable()
export class RoutingService {
  constructor(private readonly index: RoutingIndex) {}

  /**
   * Ranks an active service's offers for one request: `ranked[0]` is the cheapest eligible
   * offer, the next ones are the failover order. 404 problem for an unknown or retired service.
   */
  async route(serviceId: number, request: RoutingRequest): Promise<RoutingResult> {
    return this.decide(serviceId, request, false);
  }

  /** An active service routing knows (retired or unknown: null); no ranking. */
  async service(serviceId: number): Promise<ServiceInfo | null> {
    const route = (await this.index.current()).services.get(serviceId);
    return route && route.service.active ? route.service : null;
  }

  /** The same decision for any existing service, retired ones included (the admin explain view). */
  async explain(serviceId: number, request: RoutingRequest): Promise<RoutingResult> {
    return this.decide(serviceId, request, true);
  }

  /** Active services with at least one eligible offer, by id, filtered. */
  /** The routing snapshot in force (a new object after any catalog, provider or rate change). */
  snapshot(at = Date.now()): Promise<CatalogSnapshot> {
    return this.index.current(at);
  }

  async catalog(
    filter: CatalogFilter = {},
    at = Date.now(),
    snapshot?: CatalogSnapshot,
  ): Promise<CatalogEntry[]> {
    snapshot ??= await this.index.current(at);
    const text = filter.text?.toLowerCase();
    const category = filter.category?.toLowerCase();
    const out: CatalogEntry[] = [];
    for (const [id, route] of snapshot.services) {
      const s = route.service;
      if (filter.type !== undefined && s.type !== filter.type) continue;
      if (category !== undefined && s.category.toLowerCase() !== category) continue;
      if (
        text !== undefined &&
        ![s.name, s.category, s.description ?? ''].some((f) => f.toLowerCase().includes(text))
      ) {
        continue;
      }
      const summary = snapshot.summary(id, at);
      if (summary) out.push({ service: s, summary });
    }
    return out.sort((a, b) => a.service.id - b.service.id);
  }

  /** One catalog entry; 404 when the service is unknown, retired or has no eligible offer. */
  async catalogEntry(serviceId: number, at = Date.now()): Promise<CatalogEntry> {
    const snapshot = await this.index.current(at);
    const route = snapshot.services.get(serviceId);
    const summary = route ? snapshot.summary(serviceId, at) : null;
    if (!route || !summary) throw notFound('Service', serviceId);
    return { service: route.service, summary };
  }

  private async decide(
    serviceId: number,
    request: RoutingRequest,
    includeRetired: boolean,
  ): Promise<RoutingResult> {
    const at = request.at ?? Date.now();
    const snapshot = await this.index.current(at);
    const route = snapshot.services.get(serviceId);
    if (!route || (!includeRetired && !route.service.active)) throw notFound('Service', serviceId);
    const decision = rankOffers(
      route.service,
      route.offers,
      { ...request, at },
      snapshot.currencies,
    );
    return {
      ...decision,
      service: route.service,
      baseCurrency: snapshot.currencies.base,
      currencies: snapshot.currencies,
    };
  }
}
