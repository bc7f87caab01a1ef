// Every action of API v2, in every transport the client supports, against the simulator.
import { Decimal } from 'decimal.js';
import type { SmmApiClient } from '#smm-protocol';
import type { SimulatorHandle } from '../../apps/provider-sim/src/index.js';
import {
  DEFAULT_ORDER,
  KeyWatch,
  START_BALANCE,
  TRANSPORTS,
  money,
  startSim,
  success,
} from './support.js';

describe.each(TRANSPORTS)('every action over the %s transport', (transport) => {
  let sim: SimulatorHandle;
  let client: SmmApiClient;
  const watch = new KeyWatch();

  beforeAll(async () => {
    sim = await startSim();
    client = watch.client(sim, { transport });
  });
  afterAll(() => sim.close());
  beforeEach(() => sim.control.reset());
  afterEach(() => watch.assertClean());

  const place = async (order: Parameters<SmmApiClient['add']>[0] = DEFAULT_ORDER) =>
    success(await client.add(order)).orderId;

  it('services: the whole catalog, ids as strings, exact rates, known types', async () => {
    const outcome = await client.services();
    const { services, invalid } = success(outcome);
    const { catalog } = await sim.control.state();
    expect(invalid).toEqual([]);
    expect(services.map((s) => s.id)).toEqual(catalog.map((s) => String(s.service)));
    for (const [index, service] of services.entries()) {
      const raw = catalog[index]!;
      expect(service.rate.equals(new Decimal(raw.rate))).toBe(true);
      expect(service).toMatchObject({
        name: raw.name,
        type: raw.type,
        rawType: raw.type,
        category: raw.category,
        min: Number(raw.min),
        max: Number(raw.max),
        refill: raw.refill,
        cancel: raw.cancel,
        dripfeed: raw.dripfeed ?? null,
        description: raw.desc ?? null,
      });
    }
    expect(outcome.diagnostics).toMatchObject({
      action: 'services',
      method: transport === 'query' ? 'GET' : 'POST',
      httpStatus: 200,
    });
    expect(outcome.diagnostics.request).toContain('[redacted]');
  });

  it('add: placed once, with the fields as sent, and debited', async () => {
    const orderId = await place();
    const { orders, balance, requestCounts } = await sim.control.state();
    expect(orders.map((o) => String(o.id))).toEqual([orderId]);
    expect(orders[0]!.params).toEqual({
      action: 'add',
      service: '1',
      link: DEFAULT_ORDER.link,
      quantity: '1000',
    });
    expect(orders[0]!.charge).toBe('0.9');
    expect(balance).toBe('999.1');
    expect(requestCounts).toEqual({ add: 1 });
  });

  it('status (one): the normalized status with exact charge, counts and currency', async () => {
    const orderId = await place();
    const order = await sim.control.order(Number(orderId));
    const outcome = await client.status(orderId);
    const info = success(outcome);
    expect(info).toMatchObject({
      status: 'pending',
      rawStatus: 'Pending',
      startCount: Number(order.startCount),
      remains: 1000,
      currency: 'USD',
    });
    expect(money(info.charge)).toBe('0.9');
  });

  it('status (one) of an unknown id: rejected unknown_order, not for elsewhere', async () => {
    const outcome = await client.status(999_999_999);
    expect(outcome).toMatchObject({
      kind: 'rejected',
      reason: 'unknown_order',
      retryElsewhere: false,
      message: 'Incorrect order ID',
    });
  });

  it('status (many): one result per id, an unknown id as a per-id error', async () => {
    const first = await place();
    const second = await place({ ...DEFAULT_ORDER, quantity: 500 });
    await sim.control.setOrderStatus(Number(second), { status: 'In progress', remains: 120 });
    const { results, calls } = await client.statuses([first, second, '999999999']);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.ids).toEqual([first, second, '999999999']);
    expect(results.get(first)).toMatchObject({
      kind: 'ok',
      value: { status: 'pending', rawStatus: 'Pending', remains: 1000 },
    });
    expect(results.get(second)).toMatchObject({
      kind: 'ok',
      value: { status: 'in_progress', rawStatus: 'In progress', remains: 120 },
    });
    expect(results.get('999999999')).toEqual({
      kind: 'error',
      reason: 'unknown_order',
      message: 'Incorrect order ID',
    });
  });

  it('refill (one): the refill id as a string, the refill recorded upstream', async () => {
    const orderId = await place();
    await sim.control.setOrderStatus(Number(orderId), { status: 'Completed' });
    const { refillId } = success(await client.refill(orderId));
    const { refills } = await sim.control.state();
    expect(refills.map((r) => [String(r.id), String(r.orderId), r.status])).toEqual([
      [refillId, orderId, 'Pending'],
    ]);
  });

  it('refill (many): refill ids per order, errors per order', async () => {
    const done = await place();
    const pending = await place({ ...DEFAULT_ORDER, link: 'https://instagram.com/p/other' });
    await sim.control.setOrderStatus(Number(done), { status: 'Completed' });
    const { results, calls } = await client.refills([done, pending, 999_999_999]);
    expect(calls).toHaveLength(1);
    const { refills } = await sim.control.state();
    expect(refills).toHaveLength(1);
    expect(results.get(done)).toEqual({ kind: 'ok', value: String(refills[0]!.id) });
    expect(results.get(pending)).toEqual({
      kind: 'error',
      reason: 'not_eligible',
      message: 'Order not eligible for refill.',
    });
    expect(results.get('999999999')).toEqual({
      kind: 'error',
      reason: 'unknown_order',
      message: 'Incorrect order ID',
    });
  });

  it('refill_status (one and many): normalized statuses, unknown refill ids as errors', async () => {
    const orderId = await place();
    await sim.control.setOrderStatus(Number(orderId), { status: 'Partial', remains: 10 });
    const { refillId } = success(await client.refill(orderId));

    expect(success(await client.refillStatus(refillId))).toEqual({
      status: 'pending',
      rawStatus: 'Pending',
    });
    await sim.control.setRefillStatus(Number(refillId), 'Completed');
    expect(success(await client.refillStatus(refillId))).toEqual({
      status: 'completed',
      rawStatus: 'Completed',
    });
    expect(await client.refillStatus(1)).toMatchObject({
      kind: 'rejected',
      reason: 'unknown_refill',
      retryElsewhere: false,
      message: 'Refill not found',
    });

    const { results, calls } = await client.refillStatuses([refillId, 1]);
    expect(calls).toHaveLength(1);
    expect(results.get(refillId)).toEqual({
      kind: 'ok',
      value: { status: 'completed', rawStatus: 'Completed' },
    });
    expect(results.get('1')).toEqual({
      kind: 'error',
      reason: 'unknown_refill',
      message: 'Refill not found',
    });
  });

  it('cancel (many): accepted, refused and unknown per id; the accepted one refunded', async () => {
    const cancellable = await place();
    // Service 2 does not allow cancel.
    const fixed = await place({ service: 2, link: 'https://instagram.com/p/x', quantity: 1000 });
    const { results, calls } = await client.cancel([cancellable, fixed, 999_999_999]);
    expect(calls).toHaveLength(1);
    expect(results.get(cancellable)).toEqual({ kind: 'ok', value: true });
    expect(results.get(fixed)).toEqual({
      kind: 'error',
      reason: 'not_eligible',
      message: 'Order not eligible for cancel.',
    });
    expect(results.get('999999999')).toEqual({
      kind: 'error',
      reason: 'unknown_order',
      message: 'Incorrect order ID',
    });
    const order = await sim.control.order(Number(cancellable));
    expect([order.status, order.refunded]).toEqual(['Canceled', '0.9']);
    const { balance } = await sim.control.state();
    expect(balance).toBe('999.72181'); // 1000 − 0.27819 (service 2 × 1000): the 0.9 came back
  });

  it('balance: exact, with the account currency', async () => {
    const value = success(await client.balance());
    expect(money(value.balance)).toBe(START_BALANCE);
    expect(value.currency).toBe('USD');
  });
});
