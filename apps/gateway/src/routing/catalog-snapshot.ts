import { Decimal } from 'decimal.js';
import { OfferTable, type OfferSlice } from './offer-table.js';
import { currencyTable, routeOffer, routeProvider } from './route-inputs.js';
import type { CurrencyTable, RouteOffer, RouteProvider, RouteTarget } from './route-types.js';
import { summarizeService, type ServiceSummary } from './summarize-service.js';

/** Rows as the database gives them (numbers may be strings, booleans 0/1 on SQLite). */
export interface ProviderRow {
  id: number | string;
  name: string;
  enabled: boolean | number;
  ejected_until: Date | string | null;
  priority: number | string;
  currency: string;
  balance: string | null;
}

export interface ServiceRow {
  id: number | string;
  name: string;
  category: string;
  type: string;
  description: string | null;
  refill: boolean | number;
  cancel: boolean | number;
  dripfeed: boolean | number;
  active: boolean | number;
}

export interface MappedOfferRow {
  service_id: number | string;
  offer_id: number | string;
  provider_id: number | string;
  upstream_service_id: string;
  type: string;
  rate: string;
  min: number | string;
  max: number | string;
  refill: boolean | number;
  cancel: boolean | number;
  dripfeed: boolean | number;
  available: boolean | number;
}

export interface RateRow {
  code: string;
  rate: string;
}

/** One of our services as routing and the partner catalog see it. */
export interface ServiceInfo extends RouteTarget {
  readonly name: string;
  readonly category: string;
  readonly description: string | null;
  readonly active: boolean;
}

export interface ServiceRoutes {
  readonly service: ServiceInfo;
  /** Only this service's mapped offers (a run of the snapshot's offer table). */
  readonly offers: OfferSlice;
}

/**
 * The routing view of the whole catalog, in memory and indexed by service. Built from plain rows
 * (pure), so the benchmark builds the same structure the gateway serves from.
 */
export class CatalogSnapshot {
  private summaries: Map<number, ServiceSummary | null> | undefined;
  private summariesValidUntil = 0;

  constructor(
    readonly services: ReadonlyMap<number, ServiceRoutes>,
    readonly currencies: CurrencyTable,
    readonly providers: ReadonlyMap<number, RouteProvider>,
  ) {}

  static build(
    base: string,
    providers: readonly ProviderRow[],
    services: readonly ServiceRow[],
    offers: readonly MappedOfferRow[],
    rates: readonly RateRow[],
  ): CatalogSnapshot {
    const byProvider = providerIndex(providers);
    const infos = new Map<number, ServiceInfo>();
    for (const s of services) {
      infos.set(Number(s.id), {
        id: Number(s.id),
        name: s.name,
        category: s.category,
        type: s.type,
        description: s.description,
        refill: Boolean(s.refill),
        cancel: Boolean(s.cancel),
        dripfeed: Boolean(s.dripfeed),
        active: Boolean(s.active),
      });
    }
    // One offer table for the whole catalog, each service's offers one contiguous run of it.
    const rowsByService = new Map<number, MappedOfferRow[]>();
    for (const o of offers) {
      const id = Number(o.service_id);
      const list = rowsByService.get(id);
      if (list) list.push(o);
      else rowsByService.set(id, [o]);
    }
    const all: RouteOffer[] = [];
    const runs = new Map<number, { start: number; end: number }>();
    for (const [serviceId, rows] of rowsByService) {
      if (!infos.has(serviceId)) continue;
      rows.sort((a, b) => Number(a.offer_id) - Number(b.offer_id));
      const start = all.length;
      for (const o of rows) {
        const provider = byProvider.get(Number(o.provider_id));
        if (!provider) continue;
        all.push(
          routeOffer({
            offerId: Number(o.offer_id),
            provider,
            upstreamServiceId: o.upstream_service_id,
            type: o.type,
            rate: new Decimal(o.rate),
            min: Number(o.min),
            max: Number(o.max),
            refill: Boolean(o.refill),
            cancel: Boolean(o.cancel),
            dripfeed: Boolean(o.dripfeed),
            available: Boolean(o.available),
          }),
        );
      }
      runs.set(serviceId, { start, end: all.length });
    }
    const table = new OfferTable(all);
    const routes = new Map<number, ServiceRoutes>();
    for (const [id, service] of infos) {
      const run = runs.get(id) ?? { start: 0, end: 0 };
      routes.set(id, { service, offers: { table, ...run } });
    }
    const currencies = currencyTable(
      base,
      rates.map((r) => [r.code, new Decimal(r.rate)] as const),
    );
    return new CatalogSnapshot(routes, currencies, byProvider);
  }

  /** The same catalog with fresh provider state: cheap (no offer is rebuilt). */
  withProviders(rows: readonly ProviderRow[]): CatalogSnapshot {
    const byProvider = providerIndex(rows);
    const tables = new Map<OfferTable, OfferTable>();
    const routes = new Map<number, ServiceRoutes>();
    for (const [id, route] of this.services) {
      const old = route.offers.table;
      let table = tables.get(old);
      if (!table) tables.set(old, (table = old.withProviders(byProvider)));
      routes.set(id, { service: route.service, offers: { ...route.offers, table } });
    }
    return new CatalogSnapshot(routes, this.currencies, byProvider);
  }

  /**
   * The partner-catalog summary of every service (null: nothing can serve it), cached until
   * the next ejection starts or ends.
   */
  summary(serviceId: number, at: number): ServiceSummary | null {
    if (!this.summaries || at >= this.summariesValidUntil) this.summarize(at);
    return this.summaries!.get(serviceId) ?? null;
  }

  private summarize(at: number): void {
    const summaries = new Map<number, ServiceSummary | null>();
    for (const [id, route] of this.services) {
      summaries.set(
        id,
        route.service.active
          ? summarizeService(route.service, route.offers, this.currencies, at)
          : null,
      );
    }
    let next = Number.POSITIVE_INFINITY;
    for (const p of this.providers.values()) {
      if (p.ejectedUntil !== null && p.ejectedUntil > at) next = Math.min(next, p.ejectedUntil);
    }
    this.summaries = summaries;
    this.summariesValidUntil = next;
  }
}

function providerIndex(rows: readonly ProviderRow[]): Map<number, RouteProvider> {
  const byProvider = new Map<number, RouteProvider>();
  for (const p of rows) {
    byProvider.set(
      Number(p.id),
      routeProvider({
        id: Number(p.id),
        name: p.name,
        enabled: Boolean(p.enabled),
        ejectedUntil: p.ejected_until === null ? null : toEpoch(p.ejected_until),
        priority: Number(p.priority),
        currency: p.currency,
        balance: p.balance === null ? null : new Decimal(p.balance),
      }),
    );
  }
  return byProvider;
}

function toEpoch(value: Date | string): number {
  if (value instanceof Date) return value.getTime();
  // SQLite datetime text is UTC without a zone.
  return Date.parse(/Z|[+-]\d\d:?\d\d$/.test(value) ? value : `${value.replace(' ', 'T')}Z`);
}
