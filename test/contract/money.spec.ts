// Money and ids round-trip exactly between the panel and the client; refunds are exact on the panel.
import { Decimal } from 'decimal.js';
import type { SmmApiClient } from '#smm-protocol';
import type { SimService, SimulatorHandle } from '../../apps/provider-sim/src/index.js';
import { DEFAULT_ORDER, KeyWatch, money, startSim, success } from './support.js';

describe('money and ids', () => {
  let sim: SimulatorHandle;
  let client: SmmApiClient;
  const watch = new KeyWatch();

  beforeAll(async () => {
    sim = await startSim();
    client = watch.client(sim);
  });
  afterAll(() => sim.close());
  beforeEach(() => sim.control.reset());
  afterEach(() => watch.assertClean());

  const balance = async () => money(success(await client.balance()).balance);
  const MICRO = { service: 23, link: 'https://twitter.com/x/status/1', quantity: 1000 } as const;

  it('a catalog rate of "0.00001" comes back as exactly 0.00001', async () => {
    const { services } = success(await client.services());
    const micro = services.find((s) => s.id === '23')!;
    expect(micro.rate.toFixed()).toBe('0.00001');
    expect(micro.rate.equals(new Decimal('0.00001'))).toBe(true);
    expect(services.find((s) => s.id === '2')!.rate.toFixed()).toBe('0.27819');
  });

  it('rates beyond float precision and with 7 decimals come back digit for digit', async () => {
    const base = (await sim.control.state()).catalog[0]!;
    const catalog: SimService[] = [
      { ...base, service: 101, rate: '12345678901234.1234567' },
      { ...base, service: 102, rate: '0.0000001' },
      { ...base, service: 103, rate: '0.1' },
    ];
    await sim.control.setCatalog(catalog);
    const { services } = success(await client.services());
    expect(services.map((s) => [s.id, s.rate.toFixed()])).toEqual([
      ['101', '12345678901234.1234567'],
      ['102', '0.0000001'],
      ['103', '0.1'],
    ]);
  });

  it('a balance of "123456789.12345" comes back exactly, and debits stay exact', async () => {
    await sim.control.setBalance('123456789.12345');
    expect(await balance()).toBe('123456789.12345');
    success(await client.add(MICRO)); // 0.00001 × 1000 / 1000
    expect((await sim.control.state()).orders[0]!.charge).toBe('0.00001');
    expect(await balance()).toBe('123456789.12344');
  });

  it('a partial refund is remains/quantity of the charge, rounded to 5 decimals, exactly once', async () => {
    const orderId = success(await client.add({ ...DEFAULT_ORDER, service: 2 })).orderId;
    expect(await balance()).toBe('999.72181'); // 1000 − 0.27819
    await sim.control.setOrderStatus(Number(orderId), { status: 'Partial', remains: 157 });
    const order = await sim.control.order(Number(orderId));
    // 0.27819 × 157 / 1000 = 0.04367583 → 0.04368
    expect(order.refunded).toBe('0.04368');
    expect(await balance()).toBe('999.76549');
    const info = success(await client.status(orderId));
    expect(info).toMatchObject({ status: 'partial', rawStatus: 'Partial', remains: 157 });
    expect(money(info.charge)).toBe('0.27819');

    // Moving it again never refunds twice.
    await sim.control.setOrderStatus(Number(orderId), { status: 'Canceled' });
    expect(await balance()).toBe('999.76549');
  });

  it.each([
    ['-25', 'over-delivery'],
    ['Unknown', 'unknown remains'],
  ])('a Partial with remains %s (%s) refunds nothing', async (remains) => {
    const orderId = success(await client.add(DEFAULT_ORDER)).orderId;
    await sim.control.setOrderStatus(Number(orderId), { status: 'Partial', remains });
    expect((await sim.control.order(Number(orderId))).refunded).toBe('0');
    expect(await balance()).toBe('999.1');
    const info = success(await client.status(orderId));
    expect(info).toMatchObject({ status: 'partial', remains: remains === '-25' ? -25 : null });
  });

  it('a cancel refunds the whole charge exactly', async () => {
    await sim.control.setBalance('0.33333');
    const { orderId } = success(await client.add({ ...DEFAULT_ORDER, service: 3, quantity: 20 }));
    expect(await balance()).toBe('0.33243'); // 0.04512 × 20 / 1000 = 0.0009024 → 0.0009
    expect((await client.cancel([orderId])).results.get(orderId)).toEqual({
      kind: 'ok',
      value: true,
    });
    expect(await balance()).toBe('0.33333');
    const info = success(await client.status(orderId));
    expect(info).toMatchObject({ status: 'canceled', remains: 20 });
    expect(money(info.charge)).toBe('0.0009');
  });

  it('order and refill ids round-trip as strings, as numbers or strings in', async () => {
    const { orderId } = success(await client.add(DEFAULT_ORDER));
    const [upstream] = (await sim.control.state()).orders;
    expect(orderId).toBe(String(upstream!.id));
    expect(orderId).toMatch(/^[1-9]\d{5,}$/);
    expect(success(await client.status(Number(orderId))).rawStatus).toBe('Pending');
    expect(success(await client.status(`00${orderId}`)).rawStatus).toBe('Pending');

    await sim.control.setOrderStatus(upstream!.id, { status: 'Completed' });
    const { refillId } = success(await client.refill(Number(orderId)));
    const [refill] = (await sim.control.state()).refills;
    expect(refillId).toBe(String(refill!.id));
    expect(refill!.orderId).toBe(upstream!.id);
    expect(success(await client.refillStatus(Number(refillId))).rawStatus).toBe('Pending');
    const { results } = await client.refillStatuses([refillId]);
    expect([...results.keys()]).toEqual([refillId]);
  });

  it('ids are repeatable for a seed', async () => {
    const again = await startSim();
    try {
      const first = success(await watch.client(again).add(DEFAULT_ORDER)).orderId;
      const other = await startSim();
      try {
        expect(success(await watch.client(other).add(DEFAULT_ORDER)).orderId).toBe(first);
      } finally {
        await other.close();
      }
    } finally {
      await again.close();
    }
  });
});
