import { handleApi } from './actions.js';
import { SimEngine, type EngineOptions } from './engine.js';
import type { SimService } from './types.js';

const catalog: SimService[] = [
  {
    service: 1,
    name: 'Followers',
    type: 'Default',
    category: 'IG',
    rate: '0.27819',
    min: '10',
    max: '100000',
    refill: true,
    cancel: true,
  },
  {
    service: 2,
    name: 'Tiny',
    type: 'Default',
    category: 'IG',
    rate: '0.00001',
    min: '1',
    max: '1000000',
    refill: false,
    cancel: false,
  },
];

function engine(overrides: Partial<EngineOptions> = {}) {
  return new SimEngine({
    apiKey: 'k',
    currency: 'USD',
    balance: '100',
    catalog,
    seed: 42,
    settings: { speedMs: 0, rejectDuplicateLinks: false },
    ...overrides,
  });
}

const api = (e: SimEngine, fields: Record<string, unknown>) =>
  handleApi(e, { key: 'k', ...fields }).body as Record<string, unknown>;
const add = (e: SimEngine, fields: Record<string, unknown> = {}) =>
  api(e, { action: 'add', service: 1, link: 'https://x.com/a', quantity: '1000', ...fields });
const balance = (e: SimEngine) => api(e, { action: 'balance' }).balance;

describe('SimEngine money', () => {
  it('debits the exact charge and keeps a large balance exact', () => {
    const e = engine({ balance: '123456789.12345' });
    const { order } = add(e, { service: 2, quantity: '1000' });
    expect(api(e, { action: 'status', order }).charge).toBe('0.00001');
    expect(balance(e)).toBe('123456789.12344');
  });

  it('refunds remains/quantity of the charge on Partial, exactly once', () => {
    const e = engine();
    const id = add(e).order as number; // 0.27819
    e.setOrderStatus(id, { status: 'Partial', remains: 157 });
    // 0.27819 × 157 / 1000 = 0.04367583 → 0.04368
    expect(balance(e)).toBe('99.76549');
    e.setOrderStatus(id, { status: 'Partial', remains: 900 });
    e.setOrderStatus(id, { status: 'Canceled' });
    expect(balance(e)).toBe('99.76549');
    expect(api(e, { action: 'status', order: id })).toEqual({
      charge: '0.27819',
      start_count: expect.any(String),
      status: 'Canceled',
      remains: '1000',
      currency: 'USD',
    });
  });

  it('refunds all of it on Canceled, nothing on over-delivery or Unknown remains', () => {
    const e = engine();
    const canceled = add(e).order as number;
    e.setOrderStatus(canceled, { status: 'Canceled' });
    expect(balance(e)).toBe('100');
    const over = add(e).order as number;
    e.setOrderStatus(over, { status: 'Partial', remains: '-20' });
    const unknown = add(e).order as number;
    e.setOrderStatus(unknown, { status: 'Partial', remains: 'Unknown' });
    expect(balance(e)).toBe('99.44362');
  });

  it('refuses an order the balance cannot pay', () => {
    const e = engine({ balance: '0.27818' });
    expect(add(e)).toEqual({ error: 'Not enough funds on balance' });
    e.setBalance('0.27819');
    expect(add(e)).toHaveProperty('order');
    expect(balance(e)).toBe('0');
  });
});

describe('SimEngine lifecycle', () => {
  it('cancels only cancel services and non-terminal orders, refunding once', () => {
    const e = engine();
    const id = add(e).order as number;
    const other = add(e, { service: 2 }).order as number;
    expect(api(e, { action: 'cancel', orders: `${id},${other},5` })).toEqual([
      { order: id, cancel: 1 },
      { order: other, cancel: { error: 'Order not eligible for cancel.' } },
      { order: 5, cancel: { error: 'Incorrect order ID' } },
    ]);
    expect(api(e, { action: 'cancel', order: id })).toEqual([
      { order: id, cancel: { error: 'Order not eligible for cancel.' } },
    ]);
    expect(balance(e)).toBe('99.99999');
  });

  it('refills only refill services in Completed or Partial', () => {
    const e = engine();
    const id = add(e).order as number;
    expect(api(e, { action: 'refill', order: id })).toEqual({
      error: 'Order not eligible for refill.',
    });
    e.setOrderStatus(id, { status: 'Completed' });
    const { refill } = api(e, { action: 'refill', order: id });
    expect(refill).toMatch(/^\d+$/);
    expect(api(e, { action: 'refill_status', refill })).toEqual({ status: 'Pending' });
    e.setRefillStatus(Number(refill), 'Rejected');
    expect(api(e, { action: 'refill_status', refills: `${refill},1` })).toEqual([
      { refill: Number(refill), status: 'Rejected' },
      { refill: 1, status: { error: 'Refill not found' } },
    ]);
  });

  it('progresses by time when speedMs is set, and stops once moved by hand', () => {
    let now = 1_000_000;
    const e = engine({ settings: { speedMs: 100, rejectDuplicateLinks: false }, now: () => now });
    const id = add(e).order as number;
    const manual = add(e).order as number;
    e.setOrderStatus(manual, { status: 'Processing' });
    const status = () => api(e, { action: 'status', order: id });
    expect(status()).toMatchObject({ status: 'Pending', remains: '1000' });
    now += 100;
    expect(status().status).toBe('In progress');
    expect(Number(status().remains)).toBeLessThan(1000);
    now += 1000;
    expect(status()).toMatchObject({ status: 'Completed', remains: '0' });
    expect(api(e, { action: 'status', order: manual }).status).toBe('Processing');
  });

  it('rejects a duplicate active link only when switched on', () => {
    const e = engine();
    add(e);
    expect(add(e)).toHaveProperty('order');
    e.settings.rejectDuplicateLinks = true;
    expect(add(e)).toEqual({
      error: 'You have active order with this link. Please wait until order being completed.',
    });
    expect(add(e, { service: 2 })).toHaveProperty('order');
    for (const order of e.state().orders) e.setOrderStatus(order.id, { status: 'Completed' });
    expect(add(e)).toHaveProperty('order');
  });

  it('repeats ids and start counts for the same seed', () => {
    const run = (seed: number) => {
      const e = engine({ seed });
      for (let i = 0; i < 5; i++) add(e);
      return e.state().orders.map((o) => [o.id, o.startCount]);
    };
    expect(run(7)).toEqual(run(7));
    expect(run(7)).not.toEqual(run(8));
  });

  it('reset clears orders and restores the balance without reusing ids', () => {
    const e = engine();
    const first = add(e).order as number;
    e.faults = { http429: true };
    e.reset();
    expect(e.state()).toMatchObject({ orders: [], refills: [], faults: {}, balance: '100' });
    expect(add(e).order as number).toBeGreaterThan(first);
  });
});
