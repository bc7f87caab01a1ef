import { Decimal } from 'decimal.js';
import { rankOffers } from './rank-offers.js';
import { currencyTable, routeOffer, routeProvider } from './route-inputs.js';
import type { RouteOffer, RouteProvider, RouteRequest, RouteTarget } from './route-types.js';

const AT = Date.parse('2026-11-26T12:00:00Z');
const usdEur = currencyTable('USD', [['EUR', new Decimal('1.1')]]);

function provider(id: number, over: Partial<Parameters<typeof routeProvider>[0]> = {}) {
  return routeProvider({
    id,
    name: `p${id}`,
    enabled: true,
    ejectedUntil: null,
    priority: 0,
    currency: 'USD',
    balance: new Decimal('1000'),
    ...over,
  });
}

let nextOfferId = 1;
function offer(p: RouteProvider, rate: string, over: Partial<Omit<RouteOffer, 'rateUnits'>> = {}) {
  return routeOffer({
    offerId: nextOfferId++,
    provider: p,
    upstreamServiceId: String(nextOfferId),
    type: 'Default',
    rate: new Decimal(rate),
    min: 10,
    max: 10_000,
    refill: true,
    cancel: true,
    dripfeed: true,
    available: true,
    ...over,
  });
}

const target: RouteTarget = {
  id: 1,
  type: 'Default',
  refill: false,
  cancel: false,
  dripfeed: false,
};
const req = (over: Partial<RouteRequest> = {}): RouteRequest => ({
  quantity: 1000,
  at: AT,
  ...over,
});
const codes = (d: ReturnType<typeof rankOffers>, offerId: number) =>
  d.excluded.find((e) => e.offer.offerId === offerId)?.reasons.map((r) => r.code);

describe('rankOffers: the cheapest eligible offer wins', () => {
  it('orders by cost in the base currency, converting foreign rates', () => {
    const a = offer(provider(1), '1.20');
    const b = offer(provider(2, { currency: 'EUR' }), '1.00'); // 1.10 USD
    const c = offer(provider(3), '1.15');
    const d = rankOffers(target, [a, b, c], req(), usdEur);
    expect(d.ranked.map((r) => r.offer.offerId)).toEqual([b.offerId, c.offerId, a.offerId]);
    expect(d.ranked[0]!.cost.toFixed()).toBe('1');
    expect(d.ranked[0]!.baseCost.toFixed()).toBe('1.1');
    expect(d.ranked[1]!.baseCost.toFixed()).toBe('1.15');
    expect(d.excluded).toEqual([]);
  });

  it('computes cost as rate × quantity × runs / 1000 exactly', () => {
    const a = offer(provider(1), '0.1234567');
    const d = rankOffers(target, [a], req({ quantity: 333, runs: 7 }), usdEur);
    expect(d.ranked[0]!.units).toBe(2331);
    expect(d.ranked[0]!.cost.toFixed()).toBe('0.2877775677');
  });

  it('charges package types the rate per package, whatever the quantity', () => {
    const pkgTarget = { ...target, type: 'Package' };
    const a = offer(provider(1), '12.5', { type: 'Package', min: 1, max: 1 });
    const d = rankOffers(pkgTarget, [a], req({ quantity: 5000 }), usdEur);
    expect(d.ranked[0]!.cost.toFixed()).toBe('12.5');
    expect(d.ranked[0]!.units).toBe(1);
  });
});

describe('rankOffers: ties resolve deterministically', () => {
  it('prefers higher priority, then the lower provider id, then the lower offer id', () => {
    const p5 = provider(5);
    const p3 = provider(3);
    const high = provider(9, { priority: 10 });
    const offers = [offer(p5, '1'), offer(p3, '1'), offer(high, '1'), offer(p3, '1')];
    const expected = [offers[2]!, offers[1]!, offers[3]!, offers[0]!].map((o) => o.offerId);
    for (let i = 0; i < 5; i++) {
      const shuffled = [...offers].sort(() => (i % 2 === 0 ? 1 : -1));
      const d = rankOffers(target, shuffled, req(), usdEur);
      expect(d.ranked.map((r) => r.offer.offerId)).toEqual(expected);
    }
  });
});

describe('rankOffers: every exclusion names its reason', () => {
  it('excludes a disabled or ejected provider and an unavailable offer', () => {
    const disabled = offer(provider(1, { enabled: false }), '0.1');
    const ejected = offer(provider(2, { ejectedUntil: AT + 1 }), '0.1');
    // Past its ejection time, a provider stays out until a probe succeeds.
    const awaitingProbe = offer(provider(3, { ejectedUntil: AT }), '0.1');
    const gone = offer(provider(4), '0.1', { available: false });
    const inRotation = offer(provider(5), '0.2');
    const d = rankOffers(
      target,
      [disabled, ejected, awaitingProbe, gone, inRotation],
      req(),
      usdEur,
    );
    expect(codes(d, disabled.offerId)).toEqual(['provider_disabled']);
    expect(codes(d, ejected.offerId)).toEqual(['provider_ejected']);
    expect(codes(d, awaitingProbe.offerId)).toEqual(['provider_ejected']);
    expect(codes(d, gone.offerId)).toEqual(['offer_unavailable']);
    expect(d.ranked.map((r) => r.offer.offerId)).toEqual([inRotation.offerId]);
    expect(d.ranked[0]!.note).toBeUndefined();
  });

  it('never ejects the last providers able to serve: ranks them as the last resort, with a note', () => {
    const cheap = offer(provider(1, { ejectedUntil: AT + 1 }), '0.1');
    const dear = offer(provider(2, { ejectedUntil: AT + 1 }), '0.3');
    const disabled = offer(provider(3, { enabled: false }), '0.05');
    const d = rankOffers(target, [dear, cheap, disabled], req(), usdEur);
    expect(d.ranked.map((r) => r.offer.offerId)).toEqual([cheap.offerId, dear.offerId]);
    expect(d.ranked.every((r) => /last resort/.test(r.note ?? ''))).toBe(true);
    expect(codes(d, disabled.offerId)).toEqual(['provider_disabled']);
    expect(d.excluded.map((e) => e.offer.offerId)).toEqual([disabled.offerId]);
  });

  it('checks quantity × runs against min and max', () => {
    const a = offer(provider(1), '1', { min: 100, max: 1000 });
    expect(codes(rankOffers(target, [a], req({ quantity: 99 }), usdEur), a.offerId)).toEqual([
      'quantity_below_min',
    ]);
    expect(
      codes(rankOffers(target, [a], req({ quantity: 200, runs: 6 }), usdEur), a.offerId),
    ).toEqual(['quantity_above_max']);
    expect(rankOffers(target, [a], req({ quantity: 200, runs: 5 }), usdEur).ranked).toHaveLength(1);
    expect(rankOffers(target, [a], req({ quantity: 50, runs: 2 }), usdEur).ranked).toHaveLength(1);
  });

  it('requires the capabilities the service promises, and drip-feed when runs are given', () => {
    const promising = { ...target, refill: true, cancel: true, dripfeed: true };
    const bare = offer(provider(1), '1', { refill: false, cancel: false, dripfeed: false });
    expect(codes(rankOffers(promising, [bare], req(), usdEur), bare.offerId)).toEqual([
      'missing_refill',
      'missing_cancel',
      'missing_dripfeed',
    ]);
    expect(codes(rankOffers(target, [bare], req({ runs: 2 }), usdEur), bare.offerId)).toEqual([
      'missing_dripfeed',
    ]);
    expect(rankOffers(target, [bare], req(), usdEur).ranked).toHaveLength(1);
  });

  it('refuses another type', () => {
    const a = offer(provider(1), '1', { type: 'Package' });
    expect(codes(rankOffers(target, [a], req(), usdEur), a.offerId)).toEqual(['type_mismatch']);
  });

  it('needs a conversion rate for the offer currency', () => {
    const a = offer(provider(1, { currency: 'RUB', balance: new Decimal(1e6) }), '80');
    const d = rankOffers(target, [a], req(), usdEur);
    expect(codes(d, a.offerId)).toEqual(['no_currency_rate']);
    expect(d.excluded[0]!.baseCost).toBeNull();
  });

  it('needs the last known balance to cover the cost in the upstream currency', () => {
    const poor = offer(provider(1, { balance: new Decimal('0.99') }), '1');
    const exact = offer(provider(2, { balance: new Decimal('1') }), '1');
    const unknown = offer(provider(3, { balance: null }), '1');
    const d = rankOffers(target, [poor, exact, unknown], req(), usdEur);
    expect(codes(d, poor.offerId)).toEqual(['insufficient_balance']);
    expect(codes(d, unknown.offerId)).toEqual(['balance_unknown']);
    expect(d.ranked.map((r) => r.offer.offerId)).toEqual([exact.offerId]);
  });

  it('respects only, ignore and maxCharge', () => {
    const a = offer(provider(1), '1');
    const b = offer(provider(2, { currency: 'EUR' }), '1'); // 1.1 USD for 1000
    const c = offer(provider(3), '2');
    const d = rankOffers(
      target,
      [a, b, c],
      req({ only: [2, 3], ignore: [3], maxCharge: new Decimal('1.09') }),
      usdEur,
    );
    expect(codes(d, a.offerId)).toEqual(['provider_not_allowed']);
    expect(codes(d, b.offerId)).toEqual(['above_max_charge']);
    expect(codes(d, c.offerId)).toEqual(['provider_ignored', 'above_max_charge']);
    expect(d.ranked).toEqual([]);
    const ok = rankOffers(target, [b], req({ maxCharge: new Decimal('1.1') }), usdEur);
    expect(ok.ranked).toHaveLength(1);
  });

  it('lists every reason of an offer at once', () => {
    const a = offer(provider(1, { enabled: false, currency: 'JPY' }), '1', { min: 5000 });
    const d = rankOffers(target, [a], req(), usdEur);
    expect(codes(d, a.offerId)).toEqual([
      'provider_disabled',
      'quantity_below_min',
      'no_currency_rate',
    ]);
    expect(d.excluded[0]!.reasons.every((r) => r.message.length > 0)).toBe(true);
  });
});
