import { TokenCache, type TokenRecord } from './token-cache.js';

const record = (tokenId: number, partnerId: number | null): TokenRecord => ({
  tokenId,
  partnerId,
  name: null,
  scopes: ['balance:read'],
  expiresAt: null,
  revoked: false,
  partnerActive: true,
  requestsPerMinute: null,
  lastUsedAt: null,
});

describe('token cache', () => {
  let now = 0;
  const cache = () => new TokenCache(() => now, 30_000);
  beforeEach(() => (now = 1_000_000));

  it('expires an entry by last use, not load time (a busy token stays cached)', () => {
    const c = cache();
    c.set('h1', record(1, 5), c.generation);
    for (let i = 0; i < 10; i++) {
      now += 29_999;
      expect(c.get('h1')?.tokenId).toBe(1);
    }
    now += 30_000;
    expect(c.get('h1')).toBeUndefined();
  });

  it('reloads even a busy entry after the maximum age', () => {
    const c = cache();
    c.set('h1', record(1, 5), c.generation);
    for (let i = 0; i < 20; i++) {
      now += 29_000;
      expect(c.get('h1')?.tokenId).toBe(1);
    }
    now += 29_000; // 609 s after loading
    expect(c.get('h1')).toBeUndefined();
  });

  it('clear() drops everything and voids loads in flight', () => {
    const c = cache();
    const generation = c.generation;
    c.set('h1', record(1, 5), generation);
    c.clear();
    expect(c.get('h1')).toBeUndefined();
    c.set('h2', record(2, 5), generation);
    expect(c.get('h2')).toBeUndefined();
  });

  it('forgets a revoked token, and every token of a changed partner, at once', () => {
    const c = cache();
    c.set('a', record(1, 5), c.generation);
    c.set('b', record(2, 5), c.generation);
    c.set('c', record(3, 6), c.generation);
    c.invalidateToken(3);
    expect(c.get('c')).toBeUndefined();
    c.invalidatePartner(5);
    expect(c.get('a')).toBeUndefined();
    expect(c.get('b')).toBeUndefined();
  });

  it('does not cache a load that raced with an invalidation', () => {
    const c = cache();
    const before = c.generation;
    c.invalidateToken(1); // a revocation commits while the load was in flight
    c.set('a', record(1, 5), before);
    expect(c.get('a')).toBeUndefined();
  });

  it('stays bounded', () => {
    const c = cache();
    for (let i = 0; i < 10_050; i++) c.set(`h${i}`, record(i, null), c.generation);
    expect(c.size).toBeLessThanOrEqual(10_000);
    expect(c.get('h10049')?.tokenId).toBe(10_049);
  });
});
