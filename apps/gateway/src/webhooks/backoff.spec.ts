import { retryAllowed, retryDelayMs, RETRY_WINDOW_MS } from './backoff.js';

describe('retryDelayMs', () => {
  it('doubles from the base with the jitter at its midpoint', () => {
    const mid = () => 0.5;
    expect([1, 2, 3, 4, 5].map((n) => retryDelayMs(n, 5, mid))).toEqual([
      5000, 10000, 20000, 40000, 80000,
    ]);
  });

  it('reads a decimal base (tests use fractions of a second)', () => {
    expect(retryDelayMs(1, 0.05, () => 0.5)).toBe(50);
    expect(retryDelayMs(3, 0.1, () => 0.5)).toBe(400);
  });

  it('jitters within [0.8, 1.2) of the nominal delay', () => {
    expect(retryDelayMs(2, 5, () => 0)).toBe(8000);
    expect(retryDelayMs(2, 5, () => 0.999999)).toBe(12000);
  });

  it('caps a single wait at 6 hours for the default base', () => {
    expect(retryDelayMs(40, 5, () => 0.5)).toBe(6 * 3600 * 1000);
  });
});

describe('retryAllowed', () => {
  it('allows retries for 3 days after the event, not after', () => {
    const created = new Date('2026-01-01T00:00:00Z');
    expect(retryAllowed(created, new Date(created.getTime() + RETRY_WINDOW_MS))).toBe(true);
    expect(retryAllowed(created, new Date(created.getTime() + RETRY_WINDOW_MS + 1))).toBe(false);
  });
});
