// Status mapping end to end (the panel's raw text → the normalized enum, raw text kept), and
// batching of multi-id calls (at most 100 ids per call).
import type { OrderStatus, RefillStatus, SmmApiClient } from '#smm-protocol';
import type { SimulatorHandle } from '../../apps/provider-sim/src/index.js';
import { DEFAULT_ORDER, KeyWatch, startSim, success } from './support.js';

describe('statuses and batching', () => {
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

  // [raw status set on the panel, remains set (or not), normalized, remains read back]
  const ORDER_CASES: ReadonlyArray<
    readonly [string, number | string | undefined, OrderStatus, number | null]
  > = [
    ['Pending', undefined, 'pending', 1000],
    ['In progress', 640, 'in_progress', 640],
    ['Processing', 700, 'in_progress', 700],
    ['Completed', undefined, 'completed', 0],
    ['Partial', 157, 'partial', 157],
    ['Canceled', undefined, 'canceled', 1000],
    ['Cancelled', undefined, 'canceled', 1000],
    ['Refunded', undefined, 'refunded', 1000],
    ['Fail', undefined, 'failed', 1000],
    ['completed', -25, 'completed', -25], // lowercase; over-delivery
    ['In progress', 'Unknown', 'in_progress', null],
    ['Queued for moderation', undefined, 'unknown', 1000],
  ];

  it.each(ORDER_CASES)('order %j (remains %j) → %s', async (raw, remains, status, readRemains) => {
    const { orderId } = success(await client.add(DEFAULT_ORDER));
    await sim.control.setOrderStatus(Number(orderId), { status: raw, remains });
    const expected = { status, rawStatus: raw, remains: readRemains, currency: 'USD' };
    expect(success(await client.status(orderId))).toMatchObject(expected);
    const { results } = await client.statuses([orderId]);
    expect(results.get(orderId)).toMatchObject({ kind: 'ok', value: expected });
  });

  const REFILL_CASES: ReadonlyArray<readonly [string, RefillStatus]> = [
    ['Pending', 'pending'],
    ['In progress', 'in_progress'],
    ['Completed', 'completed'],
    ['Rejected', 'rejected'],
    ['Error', 'error'],
    ['Canceled', 'canceled'],
    ['Awaiting review', 'unknown'],
  ];

  it('refill statuses, one and many: every status of the reference, and an unknown one', async () => {
    const refillIds: string[] = [];
    for (let i = 0; i < REFILL_CASES.length; i++) {
      const link = `https://instagram.com/p/refill${i}`;
      const { orderId } = success(await client.add({ ...DEFAULT_ORDER, link }));
      await sim.control.setOrderStatus(Number(orderId), { status: 'Completed' });
      refillIds.push(success(await client.refill(orderId)).refillId);
    }
    for (const [i, [raw]] of REFILL_CASES.entries()) {
      await sim.control.setRefillStatus(Number(refillIds[i]), raw);
    }
    const { results, calls } = await client.refillStatuses(refillIds);
    expect(calls).toHaveLength(1);
    for (const [i, [raw, status]] of REFILL_CASES.entries()) {
      const expected = { status, rawStatus: raw };
      expect(success(await client.refillStatus(refillIds[i]!))).toEqual(expected);
      expect(results.get(refillIds[i]!)).toEqual({ kind: 'ok', value: expected });
    }
  });

  it('statuses of 250 ids: 3 calls of at most 100, a result for every id', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 250; i++) {
      const link = `https://twitter.com/x/status/${i}`;
      ids.push(success(await client.add({ service: 23, link, quantity: 1000 })).orderId);
    }
    // Duplicates are asked once.
    const { results, calls } = await client.statuses([...ids, ids[0]!, Number(ids[1])]);
    expect(calls.map((c) => c.ids.length)).toEqual([100, 100, 50]);
    expect(calls.flatMap((c) => c.ids)).toEqual(ids);
    expect(calls.every((c) => c.outcome.kind === 'success')).toBe(true);
    expect([...results.keys()]).toEqual(ids);
    for (const result of results.values()) {
      expect(result).toMatchObject({ kind: 'ok', value: { status: 'pending', remains: 1000 } });
    }
    const state = await sim.control.state();
    expect(state.requestCounts).toEqual({ add: 250, status: 3 });
    expect(state.orders.every((o) => o.statusQueries === 1)).toBe(true);
    expect(state.balance).toBe('999.9975'); // 250 × 0.00001
  });

  it('refills and cancels of 150 ids: 2 calls each, per-id answers', async () => {
    const ids = Array.from({ length: 150 }, (_, i) => 500_000_000 + i);
    const refills = await client.refills(ids);
    const cancels = await client.cancel(ids);
    for (const batch of [refills, cancels]) {
      expect(batch.calls.map((c) => c.ids.length)).toEqual([100, 50]);
      expect(batch.results.size).toBe(150);
      for (const result of batch.results.values()) {
        expect(result).toEqual({
          kind: 'error',
          reason: 'unknown_order',
          message: 'Incorrect order ID',
        });
      }
    }
    expect((await sim.control.state()).requestCounts).toEqual({ refill: 2, cancel: 2 });
  });
});
