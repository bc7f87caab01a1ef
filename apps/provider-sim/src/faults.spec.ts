import { startSimulator, type SimulatorHandle } from './index.js';
import { call, callRaw } from './testing.js';

const link = 'https://instagram.com/p/abc';
const catalog = [
  {
    service: 1,
    name: 'Followers',
    type: 'Default',
    category: 'IG',
    rate: '0.5',
    min: '10',
    max: '10000',
    refill: true,
    cancel: true,
    dripfeed: false,
  },
];

let sim: SimulatorHandle;
beforeAll(async () => {
  sim = await startSimulator({ apiKey: 'k', catalog, seed: 1, balance: '10' });
});
afterAll(() => sim.close());
beforeEach(() => sim.control.reset());

const addFields = { key: 'k', action: 'add', service: 1, link, quantity: 1000 };
const orders = async () => (await sim.control.state()).orders;

describe('faults', () => {
  it('delays every API answer by latencyMs, not the control endpoint', async () => {
    await sim.control.setFaults({ latencyMs: 150 });
    const started = performance.now();
    expect(await call(sim.url, { key: 'k', action: 'balance' })).toMatchObject({ balance: '10' });
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    const controlStarted = performance.now();
    await sim.control.state();
    expect(performance.now() - controlStarted).toBeLessThan(100);
  });

  it('answers every Nth request with an HTML 502, placing nothing by default', async () => {
    await sim.control.setFaults({ html502EveryNth: 3 });
    expect((await callRaw(sim.url, addFields)).status).toBe(200);
    expect((await callRaw(sim.url, addFields)).status).toBe(200);
    const third = await callRaw(sim.url, addFields);
    expect(third.status).toBe(502);
    expect(third.contentType).toBe('text/html');
    expect(third.text).toContain('<h1>502 Bad Gateway</h1>');
    expect(await orders()).toHaveLength(2);
    expect((await callRaw(sim.url, addFields)).status).toBe(200);
  });

  it('with html502AfterCreate the order exists behind the 502', async () => {
    await sim.control.setFaults({ html502EveryNth: 1, html502AfterCreate: true });
    expect((await callRaw(sim.url, addFields)).status).toBe(502);
    await sim.control.clearFaults();
    expect(await orders()).toHaveLength(1);
    expect(await call(sim.url, { key: 'k', action: 'balance' })).toMatchObject({ balance: '9.5' });
  });

  it('truncates JSON to an unparseable prefix, after doing the work', async () => {
    await sim.control.setFaults({ truncatedJson: true });
    const answer = await callRaw(sim.url, addFields);
    expect(answer.status).toBe(200);
    expect(answer.text.startsWith('{"order')).toBe(true);
    expect(() => JSON.parse(answer.text) as unknown).toThrow();
    expect(await orders()).toHaveLength(1);
  });

  it('hangs after creating and debiting an order; other actions still answer', async () => {
    await sim.control.setFaults({ hangAfterCreate: true });
    await expect(callRaw(sim.url, addFields, 'form', AbortSignal.timeout(300))).rejects.toThrow();
    const [order] = await orders();
    expect(order).toMatchObject({ status: 'Pending', charge: '0.5' });
    expect(await call(sim.url, { key: 'k', action: 'status', order: order!.id })).toMatchObject({
      status: 'Pending',
    });
    expect(await call(sim.url, { key: 'k', action: 'add', service: 9 })).toEqual({
      error: 'Incorrect service ID',
    });
  });

  it('rejects every add with a chosen message until cleared', async () => {
    await sim.control.setFaults({ rejectAddWith: 'Service is disabled' });
    expect(await call(sim.url, addFields)).toEqual({ error: 'Service is disabled' });
    await sim.control.setFaults({ rejectAddWith: null });
    expect(await call(sim.url, addFields)).toHaveProperty('order');
    expect(await orders()).toHaveLength(1);
  });

  it('answers HTTP 429 to every request while on, and counts it', async () => {
    await sim.control.setFaults({ http429: true });
    const answer = await callRaw(sim.url, addFields, 'json');
    expect([answer.status, JSON.parse(answer.text)]).toEqual([429, { error: 'Too many requests' }]);
    await sim.control.setFaults({});
    expect((await sim.control.state()).requestCounts).toEqual({ add: 1 });
    expect(await orders()).toHaveLength(0);
  });

  it('switches wire variants', async () => {
    await sim.control.setFaults({
      statusLowercase: true,
      multiStatusBareError: true,
      orderIdAsString: true,
      servicesLoose: true,
    });
    const { order } = (await call(sim.url, addFields)) as { order: string };
    expect(order).toMatch(/^\d+$/);
    await sim.control.setOrderStatus(Number(order), { status: 'In progress' });
    expect(await call(sim.url, { key: 'k', action: 'status', orders: `${order},1` })).toEqual({
      [order]: expect.objectContaining({ status: 'in progress' }),
      1: 'Incorrect order ID',
    });
    expect(await call(sim.url, { key: 'k', action: 'services' })).toEqual([
      { ...catalog[0], service: '1', min: 10, max: 10000, refill: 1, cancel: 1, dripfeed: 0 },
    ]);
  });
});

describe('over-reported charges', () => {
  it('reports a charge 20 % above the real one without touching the balance', async () => {
    const { order } = (await call(sim.url, addFields)) as { order: number };
    await sim.control.setFaults({ overReportChargePercent: 20 });
    expect(await call(sim.url, { key: 'k', action: 'status', order })).toMatchObject({
      charge: '0.6',
    });
    expect((await sim.control.state()).orders[0]).toMatchObject({ charge: '0.5' });
    await sim.control.setFaults({});
    expect(await call(sim.url, { key: 'k', action: 'status', order })).toMatchObject({
      charge: '0.5',
    });
  });
});

describe('instances', () => {
  it('runs two independent instances at once on their own ports', async () => {
    const other = await startSimulator({ apiKey: 'other', catalog, currency: 'EUR', seed: 2 });
    try {
      expect(other.port).not.toBe(sim.port);
      await call(sim.url, addFields);
      expect(await call(other.url, { key: 'k', action: 'balance' })).toEqual({
        error: 'Invalid API key',
      });
      expect(await call(other.url, { key: 'other', action: 'balance' })).toEqual({
        balance: '1000',
        currency: 'EUR',
      });
      expect((await other.control.state()).orders).toHaveLength(0);
      expect(await orders()).toHaveLength(1);
    } finally {
      await other.close();
    }
  });

  it('repeats ids and start counts for the same seed', async () => {
    const run = async () => {
      const s = await startSimulator({ apiKey: 'k', catalog, seed: 99 });
      try {
        for (let i = 0; i < 3; i++) await call(s.url, addFields);
        return (await s.control.state()).orders.map((o) => [o.id, o.startCount]);
      } finally {
        await s.close();
      }
    };
    expect(await run()).toEqual(await run());
  });

  it('close() ends promptly with a hung request open', async () => {
    const s = await startSimulator({ apiKey: 'k', catalog, seed: 3 });
    await s.control.setFaults({ hangAfterCreate: true });
    const hung = callRaw(s.url, addFields);
    const outcome = hung.then(
      () => 'answered',
      () => 'failed',
    );
    while ((await s.control.state()).orders.length === 0) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const started = performance.now();
    await s.close();
    expect(performance.now() - started).toBeLessThan(1000);
    expect(await outcome).toBe('failed');
  });

  it('starts with the bundled catalog by default', async () => {
    const s = await startSimulator();
    try {
      expect(s.url).toBe(`http://127.0.0.1:${s.port}/api/v2`);
      const services = (await call(s.url, { key: s.apiKey, action: 'services' })) as unknown[];
      expect(services.length).toBeGreaterThanOrEqual(20);
    } finally {
      await s.close();
    }
  });
});
