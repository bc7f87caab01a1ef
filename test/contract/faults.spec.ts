// Every fault the simulator can inject, and the taxonomy outcome it maps to. The point is `add`:
// "ambiguous" must mean "may be placed" (and the tests show it was), "rejected"/"failed" must mean
// "certainly not placed" (and the tests show nothing was created).
import type { SmmApiClient } from '#smm-protocol';
import type { SimulatorHandle } from '../../apps/provider-sim/src/index.js';
import {
  DEFAULT_ORDER,
  KeyWatch,
  START_BALANCE,
  unusedPort,
  startSim,
  success,
} from './support.js';

describe('faults', () => {
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

  const orders = async () => (await sim.control.state()).orders;

  describe('latency', () => {
    it('longer than the client timeout: ambiguous response_timeout, and the order WAS placed', async () => {
      await sim.control.setFaults({ latencyMs: 1_000 });
      const started = Date.now();
      const outcome = await watch.client(sim, { timeoutMs: { add: 100 } }).add(DEFAULT_ORDER);
      expect(outcome).toMatchObject({ kind: 'ambiguous', cause: 'response_timeout' });
      expect(Date.now() - started).toBeLessThan(1_000);
      expect(outcome.diagnostics.response).toBeNull();
      // The dangerous case: the client gave up, the panel placed and debited the order anyway.
      const placed = await orders();
      expect(placed).toHaveLength(1);
      expect((await sim.control.state()).balance).toBe('999.1');
    });

    it('within the client timeout: a slow success', async () => {
      await sim.control.setFaults({ latencyMs: 60 });
      const outcome = await client.add(DEFAULT_ORDER);
      expect(success(outcome).orderId).toBe(String((await orders())[0]!.id));
      expect(outcome.diagnostics.durationMs).toBeGreaterThanOrEqual(55);
    });

    it('on a multi-id call: every id unanswered, carrying the ambiguous outcome', async () => {
      const { orderId } = success(await client.add(DEFAULT_ORDER));
      await sim.control.setFaults({ latencyMs: 400 });
      const { results, calls } = await watch
        .client(sim, { timeoutMs: { status: 100 } })
        .statuses([orderId, 1]);
      expect(calls).toHaveLength(1);
      for (const id of [orderId, '1']) {
        expect(results.get(id)).toMatchObject({
          kind: 'unanswered',
          outcome: { kind: 'ambiguous', cause: 'response_timeout' },
        });
      }
    });
  });

  describe('every-Nth HTML 502', () => {
    it('before creating (default): ambiguous http_status, and nothing behind the 502', async () => {
      await sim.control.setFaults({ html502EveryNth: 3 });
      const outcomes = [];
      for (let i = 0; i < 3; i++) {
        outcomes.push(await client.add({ ...DEFAULT_ORDER, link: `https://x.com/p/${i}` }));
      }
      expect(outcomes.map((o) => o.kind)).toEqual(['success', 'success', 'ambiguous']);
      expect(outcomes[2]).toMatchObject({
        kind: 'ambiguous',
        cause: 'http_status',
        diagnostics: { httpStatus: 502 },
      });
      expect(outcomes[2]!.diagnostics.response).toContain('502 Bad Gateway');
      expect((await orders()).map((o) => o.params.link)).toEqual([
        'https://x.com/p/0',
        'https://x.com/p/1',
      ]);
    });

    it('after creating: ambiguous http_status, and the order WAS placed', async () => {
      await sim.control.setFaults({ html502EveryNth: 1, html502AfterCreate: true });
      expect(await client.add(DEFAULT_ORDER)).toMatchObject({
        kind: 'ambiguous',
        cause: 'http_status',
        diagnostics: { httpStatus: 502 },
      });
      expect(await orders()).toHaveLength(1);
      expect((await sim.control.state()).balance).toBe('999.1');
    });

    it('on other actions too: ambiguous http_status', async () => {
      await sim.control.setFaults({ html502EveryNth: 1 });
      expect(await client.balance()).toMatchObject({ kind: 'ambiguous', cause: 'http_status' });
      expect(await client.services()).toMatchObject({ kind: 'ambiguous', cause: 'http_status' });
    });
  });

  it("a 502 on one call of a batch: only that call's ids are unanswered", async () => {
    await sim.control.setFaults({ html502EveryNth: 2 });
    const ids = Array.from({ length: 250 }, (_, i) => String(700_000_000 + i));
    const { results, calls } = await client.statuses(ids);
    expect(calls.map((c) => [c.ids.length, c.outcome.kind])).toEqual([
      [100, 'success'],
      [100, 'ambiguous'],
      [50, 'success'],
    ]);
    expect(results.size).toBe(250);
    ids.forEach((id, index) => {
      const expected =
        index >= 100 && index < 200
          ? { kind: 'unanswered', outcome: { kind: 'ambiguous', cause: 'http_status' } }
          : { kind: 'error', reason: 'unknown_order', message: 'Incorrect order ID' };
      expect(results.get(id)).toMatchObject(expected);
    });
  });

  it('truncated JSON: ambiguous invalid_json on every action; an add is placed', async () => {
    await sim.control.setFaults({ truncatedJson: true });
    const add = await client.add(DEFAULT_ORDER);
    expect(add).toMatchObject({ kind: 'ambiguous', cause: 'invalid_json' });
    expect(await orders()).toHaveLength(1);
    const orderId = (await orders())[0]!.id;
    for (const outcome of [
      await client.services(),
      await client.balance(),
      await client.status(orderId),
    ]) {
      expect(outcome).toMatchObject({ kind: 'ambiguous', cause: 'invalid_json' });
    }
    const { calls } = await client.cancel([orderId]);
    expect(calls[0]!.outcome).toMatchObject({ kind: 'ambiguous', cause: 'invalid_json' });
    // The cancel was processed upstream too, although nobody could read the answer.
    expect((await sim.control.order(orderId)).status).toBe('Canceled');
  });

  it('hang after create: ambiguous, and the order exists upstream exactly once', async () => {
    await sim.control.setFaults({ hangAfterCreate: true });
    const hanging = watch.client(sim, { timeoutMs: { add: 150 } });
    expect(await hanging.add(DEFAULT_ORDER)).toMatchObject({
      kind: 'ambiguous',
      cause: 'response_timeout',
    });
    const placed = await orders();
    expect(placed).toHaveLength(1);
    expect(placed[0]!.params).toMatchObject({ service: '1', link: DEFAULT_ORDER.link });
    expect((await sim.control.state()).balance).toBe('999.1');
    // A rejected add and the other actions still answer normally.
    expect(await hanging.add({ ...DEFAULT_ORDER, link: 'nope' })).toMatchObject({
      kind: 'rejected',
      reason: 'bad_link',
    });
    expect(success(await client.status(placed[0]!.id)).status).toBe('pending');
    expect(await orders()).toHaveLength(1);
  });

  it('HTTP 429: rejected rate_limited (retry elsewhere), and nothing placed', async () => {
    await sim.control.setFaults({ http429: true });
    expect(await client.add(DEFAULT_ORDER)).toMatchObject({
      kind: 'rejected',
      reason: 'rate_limited',
      retryElsewhere: true,
      message: 'Too many requests',
      diagnostics: { httpStatus: 429 },
    });
    expect(await client.balance()).toMatchObject({ kind: 'rejected', reason: 'rate_limited' });
    const state = await sim.control.state();
    expect(state.orders).toEqual([]);
    expect(state.balance).toBe(START_BALANCE);
    expect(state.requestCounts).toEqual({ add: 1, balance: 1 }); // it reached the panel
  });

  it('connection refused: failed connection_refused, certainly not processed', async () => {
    const port = await unusedPort();
    const nowhere = watch.client({ url: `http://127.0.0.1:${port}/api/v2` });
    expect(await nowhere.add(DEFAULT_ORDER)).toMatchObject({
      kind: 'failed',
      cause: 'connection_refused',
      diagnostics: { httpStatus: null, response: null },
    });
    expect(await nowhere.balance()).toMatchObject({
      kind: 'failed',
      cause: 'connection_refused',
    });
    const { results } = await nowhere.statuses([1]);
    expect(results.get('1')).toMatchObject({
      kind: 'unanswered',
      outcome: { kind: 'failed', cause: 'connection_refused' },
    });
  });

  it('wire variants: string order ids, lowercase statuses, bare-string errors, loose catalogs', async () => {
    await sim.control.setFaults({
      orderIdAsString: true,
      statusLowercase: true,
      multiStatusBareError: true,
      servicesLoose: true,
    });
    const { orderId } = success(await client.add(DEFAULT_ORDER));
    expect(orderId).toBe(String((await orders())[0]!.id));
    await sim.control.setOrderStatus(Number(orderId), { status: 'In progress', remains: 5 });
    const { results } = await client.statuses([orderId, 1]);
    expect(results.get(orderId)).toMatchObject({
      kind: 'ok',
      value: { status: 'in_progress', rawStatus: 'in progress', remains: 5 },
    });
    expect(results.get('1')).toEqual({
      kind: 'error',
      reason: 'unknown_order',
      message: 'Incorrect order ID',
    });
    const catalog = success(await client.services());
    expect(catalog.invalid).toEqual([]);
    expect(catalog.services[0]).toMatchObject({ id: '1', min: 50, refill: true, dripfeed: true });
    expect(catalog.services[1]).toMatchObject({ id: '2', refill: false, cancel: false });
  });
});
