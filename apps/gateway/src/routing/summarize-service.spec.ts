import { Decimal } from 'decimal.js';
import { currencyTable, routeOffer, routeProvider } from './route-inputs.js';
import { summarizeService } from './summarize-service.js';

const AT = 0;
const table = currencyTable('USD', [['EUR', new Decimal('2')]]);
const p = (id: number, currency = 'USD', balance = '100', enabled = true) =>
  routeProvider({
    id,
    name: `p${id}`,
    enabled,
    ejectedUntil: null,
    priority: 0,
    currency,
    balance: new Decimal(balance),
  });
const o = (
  offerId: number,
  provider: ReturnType<typeof p>,
  rate: string,
  min: number,
  max: number,
) =>
  routeOffer({
    offerId,
    provider,
    upstreamServiceId: String(offerId),
    type: 'Default',
    rate: new Decimal(rate),
    min,
    max,
    refill: false,
    cancel: false,
    dripfeed: false,
    available: true,
  });
const target = { id: 1, type: 'Default', refill: false, cancel: false, dripfeed: false };

describe('summarizeService: the partner catalog entry of a service', () => {
  it('shows the cheapest eligible rate in the base currency and the widest range', () => {
    const s = summarizeService(
      target,
      [
        o(1, p(1), '3', 100, 1000),
        o(2, p(2, 'EUR'), '1.25', 10, 500),
        o(3, p(3, 'USD', '100', false), '0.1', 1, 1e6),
      ],
      table,
      AT,
    );
    expect(s).toEqual({ rate: new Decimal('2.5'), min: 10, max: 1000, eligibleOffers: 2 });
  });

  it('is null when no offer is eligible (no rate, or the balance cannot cover the minimum)', () => {
    expect(summarizeService(target, [o(1, p(1, 'GBP'), '1', 10, 100)], table, AT)).toBeNull();
    expect(
      summarizeService(target, [o(1, p(1, 'USD', '0.009'), '1', 10, 100)], table, AT),
    ).toBeNull();
    expect(
      summarizeService(target, [o(1, p(1, 'USD', '0.01'), '1', 10, 100)], table, AT),
    ).not.toBeNull();
  });
});
