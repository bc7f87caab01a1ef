import { startSimulator, type SimulatorHandle, type SimService } from './index.js';
import { call, callRaw, ENCODINGS } from './testing.js';

const catalog: SimService[] = [
  {
    service: 1,
    name: 'Followers',
    type: 'Default',
    category: 'IG',
    rate: '0.90',
    min: '50',
    max: '10000',
    refill: true,
    cancel: true,
    dripfeed: true,
  },
  {
    service: 2,
    name: 'Tiny',
    type: 'Default',
    category: 'X',
    rate: '0.00001',
    min: '1',
    max: '1000000',
    refill: false,
    cancel: false,
  },
  {
    service: 3,
    name: 'Pack',
    type: 'Package',
    category: 'P',
    rate: '3.5',
    min: '1',
    max: '1',
    refill: false,
    cancel: false,
  },
];

let sim: SimulatorHandle;
beforeAll(async () => {
  sim = await startSimulator({
    apiKey: 'secret',
    catalog,
    seed: 42,
    balance: '100',
    currency: 'EUR',
  });
});
afterAll(() => sim.close());
beforeEach(() => sim.control.reset());

const link = 'https://instagram.com/p/abc';

describe.each(ENCODINGS)('/api/v2 over %s', (encoding) => {
  const api = (fields: Record<string, unknown>) =>
    call(sim.url, { key: 'secret', ...fields }, encoding) as Promise<Record<string, unknown>>;
  const place = async (fields: Record<string, unknown> = {}) =>
    (await api({ action: 'add', service: 1, link, quantity: 1000, ...fields })).order as number;

  it('services lists the catalog in the canonical shape', async () => {
    expect(await api({ action: 'services' })).toEqual(catalog);
  });

  it('add places an order, debits, and status reports it', async () => {
    const order = await place();
    expect(Number.isInteger(order)).toBe(true);
    expect(await api({ action: 'balance' })).toEqual({ balance: '99.1', currency: 'EUR' });
    expect(await api({ action: 'status', order })).toEqual({
      charge: '0.9',
      start_count: expect.stringMatching(/^\d+$/),
      status: 'Pending',
      remains: '1000',
      currency: 'EUR',
    });
    const [state] = [await sim.control.state()];
    const params = state.orders[0]!.params;
    expect(params).toMatchObject({ action: 'add', link });
    expect(params).not.toHaveProperty('key');
  });

  it('status many maps unknown ids to an error', async () => {
    const a = await place();
    const b = await place({ service: 3 });
    const many = await api({ action: 'status', orders: `${a}, ${b},42` });
    expect(Object.keys(many).sort()).toEqual([String(a), String(b), '42'].sort());
    expect(many[String(b)]).toMatchObject({ charge: '3.5', remains: '1' });
    expect(many['42']).toEqual({ error: 'Incorrect order ID' });
    const tooMany = Array.from({ length: 101 }, (_, i) => i + 1).join(',');
    expect(await api({ action: 'status', orders: tooMany })).toEqual({
      error: 'Incorrect request',
    });
  });

  it('refill, refill_status, cancel one and many', async () => {
    const a = await place();
    const b = await place();
    await sim.control.setOrderStatus(a, { status: 'Completed' });
    const { refill } = await api({ action: 'refill', order: a });
    expect(typeof refill).toBe('string');
    expect(await api({ action: 'refill', orders: `${a},${b},7` })).toEqual([
      { order: a, refill: Number(refill) + 1 },
      { order: b, refill: { error: 'Order not eligible for refill.' } },
      { order: 7, refill: { error: 'Incorrect order ID' } },
    ]);
    await sim.control.setRefillStatus(Number(refill), 'Completed');
    expect(await api({ action: 'refill_status', refill })).toEqual({ status: 'Completed' });
    expect(await api({ action: 'refill_status', refills: `${refill},3` })).toEqual([
      { refill: Number(refill), status: 'Completed' },
      { refill: 3, status: { error: 'Refill not found' } },
    ]);
    expect(await api({ action: 'cancel', orders: `${a},${b}` })).toEqual([
      { order: a, cancel: { error: 'Order not eligible for cancel.' } },
      { order: b, cancel: 1 },
    ]);
    expect(await api({ action: 'balance' })).toEqual({ balance: '99.1', currency: 'EUR' });
  });

  it.each([
    [{}, 'Incorrect request'],
    [{ key: '' }, 'Incorrect request'],
    [{ key: 'secret', action: '' }, 'Incorrect request'],
    [{ key: 'wrong', action: 'balance' }, 'Invalid API key'],
    [{ key: 'secret', action: 'nope' }, 'Incorrect request'],
    [{ key: 'secret', action: 'add', service: 99, link, quantity: 100 }, 'Incorrect service ID'],
    [{ key: 'secret', action: 'add', service: 1, link: 'nope', quantity: 100 }, 'Incorrect link'],
    [
      { key: 'secret', action: 'add', service: 1, link, quantity: 49 },
      'Quantity less than minimal 50',
    ],
    [
      { key: 'secret', action: 'add', service: 1, link, quantity: 10001 },
      'Quantity more than maximal 10000',
    ],
    [
      { key: 'secret', action: 'add', service: 1, link, quantity: 10000, runs: 2, interval: 5 },
      'Quantity more than maximal 10000',
    ],
    [
      { key: 'secret', action: 'add', service: 3, link, runs: 2, interval: 5 },
      'Drip-feed is not supported for this service',
    ],
    [{ key: 'secret', action: 'status', order: 1 }, 'Incorrect order ID'],
    [{ key: 'secret', action: 'status' }, 'Incorrect order ID'],
    [{ key: 'secret', action: 'refill', order: 'x' }, 'Incorrect order ID'],
    [{ key: 'secret', action: 'refill_status', refill: 1 }, 'Refill not found'],
    [{ key: 'secret', action: 'cancel' }, 'Incorrect order ID'],
  ])('answers %j with %s and HTTP 200', async (fields, message) => {
    const answer = await callRaw(sim.url, fields, encoding);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toEqual({ error: message });
  });

  it('refuses an order the balance cannot pay', async () => {
    await sim.control.setBalance('0.89999');
    expect(await api({ action: 'add', service: 1, link, quantity: 1000 })).toEqual({
      error: 'Not enough funds on balance',
    });
  });
});

describe('/api/v2 transport', () => {
  it('never redirects, also with a trailing slash, and answers JSON', async () => {
    const answer = await callRaw(`${sim.url}/`, { key: 'secret', action: 'balance' });
    expect(answer.status).toBe(200);
    expect(answer.contentType).toMatch(/^application\/json/);
    expect(JSON.parse(answer.text)).toEqual({ balance: '100', currency: 'EUR' });
  });

  it('answers a broken JSON body with Incorrect request', async () => {
    const response = await fetch(sim.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"key":',
    });
    expect([response.status, await response.json()]).toEqual([200, { error: 'Incorrect request' }]);
  });

  it('keeps exact money through the wire', async () => {
    await sim.control.setBalance('123456789.12345');
    const api = (fields: Record<string, unknown>) => call(sim.url, { key: 'secret', ...fields });
    expect(await api({ action: 'balance' })).toEqual({
      balance: '123456789.12345',
      currency: 'EUR',
    });
    const { order } = (await api({ action: 'add', service: 2, link, quantity: 1000 })) as {
      order: number;
    };
    expect(await api({ action: 'balance' })).toMatchObject({ balance: '123456789.12344' });
    await sim.control.setOrderStatus(order, { status: 'Partial', remains: 500 });
    // refund 0.000005 rounds half up to 0.00001: everything back
    expect(await api({ action: 'balance' })).toMatchObject({ balance: '123456789.12345' });
    expect((await api({ action: 'services' })) as SimService[]).toContainEqual(
      expect.objectContaining({ service: 2, rate: '0.00001' }),
    );
  });

  it('accepts list fields with CRLF in a form body, and counts requests per action', async () => {
    await sim.control.setCatalog([
      ...catalog,
      { ...catalog[0]!, service: 4, type: 'Custom Comments', min: '1', max: '100' },
    ]);
    const answer = (await call(sim.url, {
      key: 'secret',
      action: 'add',
      service: 4,
      link,
      comments: 'great\r\nnice\r\n',
    })) as { order: number };
    const state = await sim.control.state();
    expect(state.orders.find((o) => o.id === answer.order)).toMatchObject({
      quantity: 2,
      charge: '0.0018',
    });
    expect(state.requestCounts).toEqual({ add: 1 });
  });
});

describe('/__control', () => {
  it('exposes the state without the key', async () => {
    const state = await sim.control.state();
    expect(state).toMatchObject({ seed: 42, balance: '100', currency: 'EUR', catalog, faults: {} });
    expect(JSON.stringify(state)).not.toContain('secret');
  });

  it('replaces the catalog and refuses a bad one', async () => {
    await sim.control.setCatalog([{ ...catalog[0]!, rate: '1.25' }]);
    expect(await call(sim.url, { key: 'secret', action: 'services' })).toEqual([
      { ...catalog[0], rate: '1.25' },
    ]);
    await expect(sim.control.setCatalog([{ service: 'x' } as never])).rejects.toMatchObject({
      response: { status: 400 },
    });
    await sim.control.setCatalog(catalog);
  });

  it('answers 404 for unknown orders/refills and 400 for bad bodies', async () => {
    await expect(sim.control.setOrderStatus(1, { status: 'Completed' })).rejects.toMatchObject({
      response: { status: 404 },
    });
    await expect(sim.control.setRefillStatus(1, 'Completed')).rejects.toMatchObject({
      response: { status: 404 },
    });
    await expect(sim.control.setBalance('-1')).rejects.toMatchObject({ response: { status: 400 } });
    await expect(sim.control.setFaults({ nope: true } as never)).rejects.toMatchObject({
      response: { status: 400 },
    });
  });

  it('moves an order to a raw status with remains and start count', async () => {
    const { order } = (await call(sim.url, {
      key: 'secret',
      action: 'add',
      service: 1,
      link,
      quantity: 100,
    })) as { order: number };
    const view = await sim.control.setOrderStatus(order, {
      status: 'Fail',
      remains: 'Unknown',
      startCount: 12,
    });
    expect(view).toMatchObject({ status: 'Fail', remains: 'Unknown', startCount: '12' });
    expect(await sim.control.order(order)).toEqual(view);
  });

  it('places orders in bulk as add would, and stops at the first refusal', async () => {
    const before = await sim.control.state();
    const ids = await sim.control.placeOrders({ service: 1, link, quantity: 100 }, 3);
    expect(ids).toHaveLength(3);
    expect(ids[1]! - ids[0]!).toBeGreaterThanOrEqual(1);
    const after = await sim.control.state();
    expect(after.requestCounts).toEqual(before.requestCounts);
    expect(Number(before.balance) - Number(after.balance)).toBeCloseTo(0.27, 10);
    expect(await call(sim.url, { key: 'secret', action: 'status', order: ids[2]! })).toMatchObject({
      status: 'Pending',
      remains: '100',
      charge: '0.09',
    });
    await expect(
      sim.control.placeOrders({ service: 2, link: 'nope', quantity: 1000 }, 2),
    ).rejects.toMatchObject({
      response: { status: 400, data: { error: 'Incorrect link', ids: [] } },
    });
    await expect(
      sim.control.placeOrders({ service: 2, link, quantity: 1 }, 0),
    ).rejects.toMatchObject({ response: { status: 400 } });
  });

  it('switches settings: duplicate links and speed', async () => {
    expect(await sim.control.setSettings({ rejectDuplicateLinks: true })).toEqual({
      rejectDuplicateLinks: true,
      speedMs: 0,
    });
    const fields = { key: 'secret', action: 'add', service: 1, link, quantity: 100 };
    await call(sim.url, fields);
    expect(await call(sim.url, fields)).toEqual({
      error: 'You have active order with this link. Please wait until order being completed.',
    });
    await sim.control.setSettings({ rejectDuplicateLinks: false });
  });
});
