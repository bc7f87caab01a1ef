import type { CatalogSnapshot } from './catalog-snapshot.js';
import { PRICE_LIST_TTL_MS, PriceListCache } from './price-list-cache.js';

describe('PriceListCache', () => {
  const snapshot = {} as CatalogSnapshot;
  const entry = { snapshot, termsVersion: 3, at: 1_000, body: '[{"id":1}]' };

  it('serves an entry while its snapshot and terms are current and it is younger than the TTL', () => {
    const cache = new PriceListCache();
    cache.set('k', entry);
    expect(cache.get('k', snapshot, 3, 1_000 + PRICE_LIST_TTL_MS - 1)).toBe(entry.body);
    expect(cache.get('other', snapshot, 3, 1_000)).toBeNull();
  });

  it.each([
    ['a new routing snapshot', {} as CatalogSnapshot, 3, 1_001],
    ['changed partner terms', snapshot, 4, 1_001],
    ['the TTL passed', snapshot, 3, 1_000 + PRICE_LIST_TTL_MS],
  ])('drops an entry after %s', (_why, current, version, now) => {
    const cache = new PriceListCache();
    cache.set('k', entry);
    expect(cache.get('k', current, version, now)).toBeNull();
    expect(cache.get('k', snapshot, 3, 1_001)).toBeNull(); // gone, not just skipped
  });
});
