import { CatalogSnapshot, type MappedOfferRow, type ProviderRow } from './catalog-snapshot.js';
import { OfferTable } from './offer-table.js';
import { rankOffers } from './rank-offers.js';
import { currencyTable, routeOffer, routeProvider } from './route-inputs.js';
import { Decimal } from 'decimal.js';

const provider = (id: number, over: Partial<ProviderRow> = {}): ProviderRow => ({
  id,
  name: `p${id}`,
  enabled: 1,
  ejected_until: null,
  priority: 0,
  currency: 'USD',
  balance: '100.000000000000',
  ...over,
});
const service = (id: number) => ({
  id,
  name: `s${id}`,
  category: 'c',
  type: 'Default',
  description: null,
  refill: 0,
  cancel: 0,
  dripfeed: 0,
  active: 1,
});
const offer = (
  serviceId: number,
  offerId: number,
  providerId: number,
  rate: string,
): MappedOfferRow => ({
  service_id: serviceId,
  offer_id: offerId,
  provider_id: providerId,
  upstream_service_id: String(offerId),
  type: 'Default',
  rate,
  min: '10',
  max: '1000',
  refill: 1,
  cancel: 0,
  dripfeed: 0,
  available: 1,
});

describe('the routing snapshot built from database rows', () => {
  it('indexes offers by service, each service a contiguous run, whatever the row order', () => {
    const snapshot = CatalogSnapshot.build(
      'USD',
      [provider(1), provider(2)],
      [service(1), service(2), service(3)],
      [offer(2, 20, 1, '2'), offer(1, 11, 2, '1.5'), offer(2, 21, 2, '1.9'), offer(1, 10, 1, '1')],
      [],
    );
    const ids = (serviceId: number) => {
      const { table, start, end } = snapshot.services.get(serviceId)!.offers;
      return table.offers.slice(start, end).map((o) => o.offerId);
    };
    expect(ids(1)).toEqual([10, 11]);
    expect(ids(2)).toEqual([20, 21]);
    expect(ids(3)).toEqual([]);
    const route = snapshot.services.get(2)!;
    const decision = rankOffers(
      route.service,
      route.offers,
      { quantity: 100, at: 0 },
      snapshot.currencies,
    );
    expect(decision.ranked.map((r) => r.offer.offerId)).toEqual([21, 20]);
  });

  it('reads SQLite datetimes as UTC; an ejected last provider still serves its service', () => {
    const until = '2026-01-01 00:00:10.000';
    const snapshot = CatalogSnapshot.build(
      'USD',
      [provider(1, { ejected_until: until })],
      [service(1)],
      [offer(1, 1, 1, '1')],
      [],
    );
    const end = Date.parse('2026-01-01T00:00:10Z');
    expect(snapshot.providers.get(1)!.ejectedUntil).toBe(end);
    expect(snapshot.summary(1, end - 1)).toMatchObject({ min: 10, max: 1000, eligibleOffers: 1 });
  });

  it('hides retired services from the catalog summary', () => {
    const snapshot = CatalogSnapshot.build(
      'USD',
      [provider(1)],
      [{ ...service(1), active: 0 }],
      [offer(1, 1, 1, '1')],
      [],
    );
    expect(snapshot.summary(1, 0)).toBeNull();
  });
});

describe('the offer table', () => {
  it('falls back to plain bigints for rates beyond 64 bits, ranking them exactly', () => {
    const p = routeProvider({
      id: 1,
      name: 'p',
      enabled: true,
      ejectedUntil: null,
      priority: 0,
      currency: 'USD',
      balance: new Decimal('1e30'),
    });
    const make = (offerId: number, rate: string) =>
      routeOffer({
        offerId,
        provider: p,
        upstreamServiceId: String(offerId),
        type: 'Package',
        rate: new Decimal(rate),
        min: 1,
        max: 1,
        refill: false,
        cancel: false,
        dripfeed: false,
        available: true,
      });
    const offers = [make(1, '12345678.000000000001'), make(2, '12345678')];
    const table = new OfferTable(offers);
    expect(table.rateUnits).toBeInstanceOf(Array);
    const target = { id: 1, type: 'Package', refill: false, cancel: false, dripfeed: false };
    const d = rankOffers(target, table.all(), { quantity: 1, at: 0 }, currencyTable('USD', []));
    expect(d.ranked.map((r) => r.cost.toFixed())).toEqual(['12345678', '12345678.000000000001']);
  });
});
