import { CatalogError, defaultCatalogPath, loadCatalogFile, normalizeCatalog } from './catalog.js';
import { generateCatalog } from './catalog-generator.js';
import { SERVICE_TYPES } from './types.js';

describe('catalogs', () => {
  it('bundles a default catalog covering every service type', () => {
    const catalog = loadCatalogFile(defaultCatalogPath());
    expect(catalog.length).toBeGreaterThanOrEqual(20);
    expect(new Set(catalog.map((s) => s.type))).toEqual(new Set(SERVICE_TYPES));
    expect(catalog.some((s) => s.dripfeed)).toBe(true);
  });

  it('normalizes loose forms and keeps rates as exact text', () => {
    const [service] = normalizeCatalog([
      {
        service: '7',
        name: 'X',
        type: 'Default',
        category: 'C',
        rate: '0.1234567',
        min: 10,
        max: '20',
        refill: 1,
        description: 'd',
      },
    ]);
    expect(service).toEqual({
      service: 7,
      name: 'X',
      type: 'Default',
      category: 'C',
      rate: '0.1234567',
      min: '10',
      max: '20',
      refill: true,
      cancel: false,
      desc: 'd',
    });
  });

  it('refuses broken catalogs with a reason', () => {
    const good = {
      service: 1,
      name: 'n',
      type: 'Default',
      category: 'c',
      rate: '1',
      min: '1',
      max: '2',
    };
    expect(() => normalizeCatalog({})).toThrow(CatalogError);
    expect(() => normalizeCatalog([{ ...good, rate: 'cheap' }])).toThrow(/rate/);
    expect(() => normalizeCatalog([{ ...good, min: '3' }])).toThrow(/min is greater/);
    expect(() => normalizeCatalog([{ ...good, service: 0 }])).toThrow(/service id/);
  });

  it('generates a big catalog repeatably, every type, money with at most 5 decimals', () => {
    const a = generateCatalog({ count: 5000, seed: 1 });
    expect(a).toHaveLength(5000);
    expect(generateCatalog({ count: 5000, seed: 1 })).toEqual(a);
    expect(generateCatalog({ count: 50, seed: 2 })).not.toEqual(a.slice(0, 50));
    expect(new Set(a.map((s) => s.type))).toEqual(new Set(SERVICE_TYPES));
    expect(new Set(a.map((s) => s.service)).size).toBe(5000);
    for (const s of a) expect(s.rate).toMatch(/^\d+(\.\d{1,5})?$/);
    expect(() => normalizeCatalog(a)).not.toThrow();
  });

  it('varies only prices with priceSeed', () => {
    const base = generateCatalog({ count: 100, seed: 3, startId: 1000 });
    const other = generateCatalog({ count: 100, seed: 3, startId: 1000, priceSeed: 9 });
    expect(base[0]!.service).toBe(1000);
    expect(other.map(({ rate: _rate, ...rest }) => rest)).toEqual(
      base.map(({ rate: _rate, ...rest }) => rest),
    );
    expect(other.map((s) => s.rate)).not.toEqual(base.map((s) => s.rate));
  });
});
