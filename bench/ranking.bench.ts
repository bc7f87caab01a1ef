import { Decimal } from 'decimal.js';
import { generateCatalog } from '../apps/provider-sim/src/catalog-generator.js';
import {
  CatalogSnapshot,
  type MappedOfferRow,
  type ProviderRow,
  type RateRow,
  type ServiceRow,
} from '../apps/gateway/src/routing/catalog-snapshot.js';
import { rankOffers } from '../apps/gateway/src/routing/rank-offers.js';
import type { RouteOffer } from '../apps/gateway/src/routing/route-types.js';
import { round, sampleMicros, timeMs, type BenchResult, benchSize } from './harness.js';

const PROVIDERS = 20;
const SERVICES = 5_000;
const ITERATIONS = benchSize('BENCH_RANKING_ITERATIONS', 200_000, 2_000);

/**
 * Ranking one request over a catalog of 20 providers × 5,000 offers, mapped 20 offers per
 * service (every provider sells every service at its own price; a quarter of the providers in
 * EUR). Measures what the gateway does per request: find the service in the in-memory snapshot
 * and run the pure ranking over its offers. Baseline in the same run: sorting the same 20
 * offers by rate and nothing else. Reference: the same costs computed with decimal.js.
 */
export async function run(): Promise<BenchResult[]> {
  const rows = catalogRows();
  const { ms: buildMs, value: snapshot } = await timeMs(async () =>
    CatalogSnapshot.build('USD', rows.providers, rows.services, rows.offers, rows.rates),
  );
  const ids = [...snapshot.services.keys()];
  const requests = Array.from({ length: 4096 }, (_, i) => {
    const serviceId = ids[(i * 7919) % ids.length]!;
    const { table, start } = snapshot.services.get(serviceId)!.offers;
    const min = table.min[start]!;
    return { serviceId, quantity: min * (1 + (i % 50)), runs: i % 10 === 0 ? 3 : undefined };
  });
  const at = Date.now();
  const ranking = sampleMicros((i) => {
    const request = requests[i & 4095]!;
    const route = snapshot.services.get(request.serviceId)!;
    const decision = rankOffers(
      route.service,
      route.offers,
      { quantity: request.quantity, runs: request.runs, at },
      snapshot.currencies,
    );
    return decision;
  }, ITERATIONS);
  let eligible = 0;
  for (const request of requests) {
    const route = snapshot.services.get(request.serviceId)!;
    const decision = rankOffers(
      route.service,
      route.offers,
      { ...request, at },
      snapshot.currencies,
    );
    eligible += decision.ranked.length;
  }

  const baseline = sampleMicros((i) => {
    const { table, start, end } = snapshot.services.get(requests[i & 4095]!.serviceId)!.offers;
    const rates: bigint[] = [];
    for (let j = start; j < end; j++) rates.push(table.rateUnits[j]!);
    return rates.sort(compare);
  }, ITERATIONS);

  const reference = sampleMicros((i) => {
    const request = requests[i & 4095]!;
    const route = snapshot.services.get(request.serviceId)!;
    const { table, start, end } = route.offers;
    const offers = table.offers.slice(start, end);
    return decimalRanking(offers, request.quantity * (request.runs ?? 1), snapshot);
  }, ITERATIONS / 4);

  const perRequest = round(eligible / requests.length, 1);
  return [
    {
      name: 'ranking: one request, 20 offers (p50)',
      unit: 'µs',
      value: round(ranking.p50),
      notes: `${ranking.samples} requests, ${perRequest} eligible offers on average`,
    },
    {
      name: 'ranking: one request, 20 offers (p99)',
      unit: 'µs',
      value: round(ranking.p99),
      goal: 'p99 ≤ 20 µs',
    },
    {
      name: 'baseline: sort the same 20 offers by rate (p50 / p99)',
      unit: 'µs',
      value: round(baseline.p50),
      notes: `p99 ${round(baseline.p99)} µs`,
    },
    {
      name: 'ranking ÷ baseline (p50)',
      unit: 'x',
      value: round(ranking.p50 / baseline.p50, 1),
      notes: `p99 ratio ${round(ranking.p99 / baseline.p99, 1)}`,
    },
    {
      name: 'reference: the costs in decimal.js instead of bigint (p50 / p99)',
      unit: 'µs',
      value: round(reference.p50),
      notes: `p99 ${round(reference.p99)} µs: why ranking uses bigint fixed point`,
    },
    {
      name: 'snapshot build: 20 providers, 5,000 services, 100,000 mapped offers',
      unit: 'ms',
      value: round(buildMs, 0),
      notes: 'paid once per catalog change, not per request',
    },
  ];
}

/** The rows the gateway would read from its database for such a catalog. */
function catalogRows() {
  const providers: ProviderRow[] = [];
  const offers: MappedOfferRow[] = [];
  let services: ServiceRow[] = [];
  for (let p = 1; p <= PROVIDERS; p++) {
    providers.push({
      id: p,
      name: `p${p}`,
      enabled: true,
      ejected_until: null,
      priority: p % 3,
      currency: p % 4 === 0 ? 'EUR' : 'USD',
      balance: '1000000',
    });
    const catalog = generateCatalog({ count: SERVICES, seed: 1, priceSeed: p });
    if (p === 1) {
      services = catalog.map((s) => ({
        id: s.service,
        name: s.name,
        category: s.category,
        type: s.type,
        description: null,
        refill: false,
        cancel: false,
        dripfeed: false,
        active: true,
      }));
    }
    for (const s of catalog) {
      offers.push({
        service_id: s.service,
        offer_id: p * 100_000 + s.service,
        provider_id: p,
        upstream_service_id: String(s.service),
        type: s.type,
        rate: s.rate,
        min: s.min,
        max: s.max,
        refill: s.refill,
        cancel: s.cancel,
        dripfeed: true,
        available: true,
      });
    }
  }
  const rates: RateRow[] = [{ code: 'EUR', rate: '1.0834' }];
  return { providers, services, offers, rates };
}

function compare(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const THOUSAND = new Decimal(1000);

/** What ranking would cost with decimal.js arithmetic (cost, conversion, sort): the road not taken. */
function decimalRanking(offers: readonly RouteOffer[], units: number, snapshot: CatalogSnapshot) {
  const quantity = new Decimal(units);
  return offers
    .map((offer) => {
      const cost = offer.rate.times(quantity).div(THOUSAND);
      const fx = snapshot.currencies.rates.get(offer.provider.currency);
      return { offer, cost: fx ? cost.times(fx) : cost };
    })
    .sort((a, b) => a.cost.cmp(b.cost));
}
