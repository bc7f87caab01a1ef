import { Decimal } from 'decimal.js';
import type { UpstreamService } from '#smm-protocol';
import { canonicalRate, diffOffers, offerFields, type StoredOffer } from './offer-diff.js';

const upstream = (
  id: string,
  rate: string,
  over: Partial<UpstreamService> = {},
): UpstreamService => ({
  id,
  name: `Service ${id}`,
  type: 'Default',
  rawType: 'Default',
  category: 'Cat',
  rate: new Decimal(rate),
  min: 10,
  max: 1000,
  refill: true,
  cancel: null,
  dripfeed: false,
  description: null,
  ...over,
});

let nextId = 1;
const stored = (service: UpstreamService, available = true): StoredOffer => ({
  ...offerFields(service),
  id: nextId++,
  available,
});

describe('offer sync diff: what a new upstream catalog changes', () => {
  it('stores flags the panel does not state as absent and unknown types as the panel spells them', () => {
    const fields = offerFields(
      upstream('1', '1.50000', { type: null, rawType: 'Likes Pro', name: 'a\u0000b' }),
    );
    expect(fields).toMatchObject({
      type: 'Likes Pro',
      cancel: false,
      refill: true,
      rate: '1.5',
      name: 'ab',
    });
  });

  it('keeps rates exact and at most 12 decimals, whatever the engine returns', () => {
    expect(canonicalRate('0.900000000000')).toBe('0.9');
    expect(canonicalRate('0.1234567890125')).toBe('0.123456789013');
    expect(canonicalRate(new Decimal('1e-7'))).toBe('0.0000001');
  });

  it('sorts offers into new, changed (rate history), removed and unchanged', () => {
    const a = stored(upstream('1', '1'));
    const b = stored(upstream('2', '2'));
    const gone = stored(upstream('3', '3'));
    const back = stored(upstream('4', '4'), false);
    const next = [upstream('1', '1'), upstream('2', '2.5'), upstream('4', '4'), upstream('5', '5')];
    const diff = diffOffers([a, b, gone, back], next.map(offerFields));
    expect(diff.inserted.map((f) => f.upstreamServiceId)).toEqual(['5']);
    expect(diff.changed.map((c) => [c.id, c.oldRate, c.fields.rate])).toEqual([
      [b.id, '2', '2.5'],
      [back.id, '4', '4'],
    ]);
    expect(diff.removed).toEqual([gone.id]);
    expect(diff.unchanged).toBe(1);
  });

  it('notices a change in any stored field, not only the rate', () => {
    const a = stored(upstream('1', '1'));
    for (const over of [
      { max: 2000 },
      { name: 'Renamed' },
      { cancel: true },
      { description: 'new' },
    ]) {
      expect(diffOffers([a], [offerFields(upstream('1', '1', over))]).changed).toHaveLength(1);
    }
  });

  it('does not remove an offer whose upstream entry could not be read', () => {
    const a = stored(upstream('1', '1'));
    const b = stored(upstream('2', '2'));
    const diff = diffOffers([a, b], [offerFields(upstream('1', '1'))], new Set(['2']));
    expect(diff.removed).toEqual([]);
  });
});
