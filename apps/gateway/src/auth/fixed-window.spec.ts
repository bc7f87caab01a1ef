import { FixedWindowCounter } from './fixed-window.js';

describe('fixed one-minute window counter', () => {
  let now = 0;
  const counter = () => new FixedWindowCounter(() => now);
  beforeEach(() => (now = 5_000_000));

  it('admits `limit` hits, then refuses until the window resets', () => {
    const c = counter();
    expect(c.hit('t', 3)).toEqual({ limit: 3, remaining: 2, resetSeconds: 60, allowed: true });
    now += 10_500;
    expect(c.hit('t', 3)).toMatchObject({ remaining: 1, resetSeconds: 50, allowed: true });
    expect(c.hit('t', 3)).toMatchObject({ remaining: 0, allowed: true });
    expect(c.hit('t', 3)).toMatchObject({ remaining: 0, allowed: false, resetSeconds: 50 });
    now += 49_500;
    expect(c.hit('t', 3)).toMatchObject({ remaining: 2, allowed: true, resetSeconds: 60 });
  });

  it('keeps keys apart', () => {
    const c = counter();
    c.hit('a', 1);
    expect(c.hit('a', 1).allowed).toBe(false);
    expect(c.hit('b', 1).allowed).toBe(true);
  });

  it('peeks without counting', () => {
    const c = counter();
    expect(c.peek('x', 2).allowed).toBe(true);
    c.hit('x', 2);
    expect(c.peek('x', 2).allowed).toBe(true);
    c.hit('x', 2);
    expect(c.peek('x', 2)).toMatchObject({ allowed: false, remaining: 0 });
  });
});
