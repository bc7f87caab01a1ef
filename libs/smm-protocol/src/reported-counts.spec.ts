import { parseStatusResponse } from './parse-responses.js';

describe('counts a panel reports about an order', () => {
  const status = (extra: Record<string, unknown>) =>
    parseStatusResponse({ status: 'In progress', charge: '1.5', currency: 'USD', ...extra });

  it('keeps big view counters and negative remains (over-delivery) as reported', () => {
    const info = status({ start_count: 5000000000, remains: '-99999999999' });
    expect(info.startCount).toBe(5_000_000_000);
    expect(info.remains).toBe(-99_999_999_999);
  });

  it('reads what cannot be held exactly as unknown, never as an unusable answer', () => {
    for (const value of ['18446744073709551617', '9007199254740993', 'lots', '12.5', {}, true]) {
      const info = status({ start_count: value, remains: value });
      expect(info.startCount, String(value)).toBeNull();
      expect(info.remains, String(value)).toBeNull();
      expect(info.status).toBe('in_progress');
    }
  });

  it('still reads "Unknown", absent and plain counts', () => {
    expect(status({ remains: 'Unknown' }).remains).toBeNull();
    expect(status({}).startCount).toBeNull();
    expect(status({ start_count: '157', remains: 0 })).toMatchObject({
      startCount: 157,
      remains: 0,
    });
  });
});
