// Every refusal the panel can answer (HTTP 200 {"error": ...}) and the taxonomy outcome it maps to.
// A rejected `add` is definitely not placed: each test also checks that nothing was created or debited.
import type { AddOrderRequest, RejectionReason, SmmApiClient } from '#smm-protocol';
import type { SimulatorHandle } from '../../apps/provider-sim/src/index.js';
import { DEFAULT_ORDER, KEY, KeyWatch, START_BALANCE, startSim, success } from './support.js';

describe('rejections', () => {
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

  async function expectNothingPlaced(balance = START_BALANCE) {
    const state = await sim.control.state();
    expect(state.orders).toEqual([]);
    expect(state.balance).toBe(balance);
  }

  describe('an invalid key: rejected invalid_key, another upstream may take it', () => {
    const revoked = { apiKey: `${KEY}-revoked` };

    it.each(['form', 'query', 'json'] as const)('add and balance over %s', async (transport) => {
      const panel = watch.client(sim, { ...revoked, transport });
      for (const outcome of [await panel.add(DEFAULT_ORDER), await panel.balance()]) {
        expect(outcome).toMatchObject({
          kind: 'rejected',
          reason: 'invalid_key',
          retryElsewhere: true,
          message: 'Invalid API key',
        });
      }
      await expectNothingPlaced();
    });

    it('multi-id calls: every id unanswered, carrying the rejection', async () => {
      const { results } = await watch.client(sim, revoked).statuses([1, 2]);
      expect([...results.keys()]).toEqual(['1', '2']);
      for (const result of results.values()) {
        expect(result).toMatchObject({
          kind: 'unanswered',
          outcome: { kind: 'rejected', reason: 'invalid_key', retryElsewhere: true },
        });
      }
    });
  });

  interface AddRejection {
    readonly name: string;
    readonly order: AddOrderRequest;
    readonly message: string;
    readonly reason: RejectionReason;
    readonly retryElsewhere: boolean;
  }
  const { link } = DEFAULT_ORDER;
  const ADD_REJECTIONS: readonly AddRejection[] = [
    {
      name: 'an unknown service',
      order: { ...DEFAULT_ORDER, service: 999 },
      message: 'Incorrect service ID',
      reason: 'unknown_service',
      retryElsewhere: true,
    },
    {
      name: 'a quantity below min',
      order: { ...DEFAULT_ORDER, quantity: 49 },
      message: 'Quantity less than minimal 50',
      reason: 'quantity_out_of_range',
      retryElsewhere: true,
    },
    {
      name: 'a quantity above max',
      order: { ...DEFAULT_ORDER, quantity: 10_001 },
      message: 'Quantity more than maximal 10000',
      reason: 'quantity_out_of_range',
      retryElsewhere: true,
    },
    {
      name: 'a drip-feed total above max', // min applies per run, max to quantity × runs
      order: { ...DEFAULT_ORDER, quantity: 5_000, runs: 3, interval: 10 },
      message: 'Quantity more than maximal 10000',
      reason: 'quantity_out_of_range',
      retryElsewhere: true,
    },
    {
      name: 'a bad link',
      order: { ...DEFAULT_ORDER, link: 'instagram.com/p/no-scheme' },
      message: 'Incorrect link',
      reason: 'bad_link',
      retryElsewhere: false,
    },
    {
      name: 'an empty link',
      order: { ...DEFAULT_ORDER, link: '' },
      message: 'Incorrect link',
      reason: 'bad_link',
      retryElsewhere: false,
    },
    {
      name: 'drip-feed on a service without it',
      order: { service: 2, link, quantity: 100, runs: 2, interval: 5 },
      message: 'Drip-feed is not supported for this service',
      reason: 'other',
      retryElsewhere: false,
    },
    {
      name: 'a missing type field',
      order: { service: 18, link, quantity: 100 },
      message: 'Incorrect answer number',
      reason: 'other',
      retryElsewhere: false,
    },
    {
      name: 'a missing quantity',
      order: { service: 1, link },
      message: 'Incorrect request',
      reason: 'other',
      retryElsewhere: false,
    },
  ];

  it.each(ADD_REJECTIONS)('add with $name: "$message"', async (c) => {
    const { message, reason, retryElsewhere } = c;
    const outcome = await client.add(c.order);
    expect(outcome).toMatchObject({ kind: 'rejected', reason, retryElsewhere, message });
    await expectNothingPlaced();
  });

  it('not enough funds: rejected insufficient_funds (retry elsewhere); the exact balance suffices', async () => {
    await sim.control.setBalance('0.89999'); // 1000 × 0.90 / 1000 = 0.9
    expect(await client.add(DEFAULT_ORDER)).toMatchObject({
      kind: 'rejected',
      reason: 'insufficient_funds',
      retryElsewhere: true,
      message: 'Not enough funds on balance',
    });
    await expectNothingPlaced('0.89999');

    await sim.control.setBalance('0.9');
    success(await client.add(DEFAULT_ORDER));
    expect((await sim.control.state()).balance).toBe('0');
  });

  it('a duplicate active order: rejected, not for elsewhere, until the first one ends', async () => {
    await sim.control.setSettings({ rejectDuplicateLinks: true });
    const { orderId } = success(await client.add(DEFAULT_ORDER));
    expect(await client.add(DEFAULT_ORDER)).toMatchObject({
      kind: 'rejected',
      reason: 'duplicate_active_order',
      retryElsewhere: false,
      message: 'You have active order with this link. Please wait until order being completed.',
    });
    expect((await sim.control.state()).orders).toHaveLength(1);

    await sim.control.setOrderStatus(Number(orderId), { status: 'Completed' });
    success(await client.add(DEFAULT_ORDER));
    expect((await sim.control.state()).orders).toHaveLength(2);
  });

  it('refill of an order not eligible: rejected not_eligible, not for elsewhere', async () => {
    // Service 2 has no refill; service 1 has, but only once the order is Completed/Partial.
    const noRefill = success(await client.add({ ...DEFAULT_ORDER, service: 2 })).orderId;
    await sim.control.setOrderStatus(Number(noRefill), { status: 'Completed' });
    const pending = success(await client.add(DEFAULT_ORDER)).orderId;
    for (const orderId of [noRefill, pending]) {
      expect(await client.refill(orderId)).toMatchObject({
        kind: 'rejected',
        reason: 'not_eligible',
        retryElsewhere: false,
        message: 'Order not eligible for refill.',
      });
    }
    expect((await sim.control.state()).refills).toEqual([]);
  });

  it('refill and status of an unknown order: rejected unknown_order', async () => {
    for (const outcome of [await client.refill(424242), await client.status(424242)]) {
      expect(outcome).toMatchObject({
        kind: 'rejected',
        reason: 'unknown_order',
        retryElsewhere: false,
        message: 'Incorrect order ID',
      });
    }
  });

  it.each([
    ['Link is private', 'other', false],
    ['Not enough funds on balance', 'insufficient_funds', true],
    ['Incorrect service ID', 'unknown_service', true],
  ] as const)('rejectAddWith "%s": rejected %s', async (message, reason, retryElsewhere) => {
    await sim.control.setFaults({ rejectAddWith: message });
    expect(await client.add(DEFAULT_ORDER)).toMatchObject({
      kind: 'rejected',
      reason,
      retryElsewhere,
      message,
    });
    await expectNothingPlaced();
  });

  it('a panel message quoting the key: the outcome carries it redacted', async () => {
    await sim.control.setFaults({ rejectAddWith: `API key ${KEY} is suspended` });
    const outcome = await client.add(DEFAULT_ORDER);
    expect(outcome).toMatchObject({
      kind: 'rejected',
      reason: 'other',
      retryElsewhere: false,
      message: 'API key [redacted] is suspended',
    });
    expect(outcome.diagnostics.response).toBe('{"error":"API key [redacted] is suspended"}');
  });

  it('a request the client refuses to build: failed invalid_request, never sent', async () => {
    const outcome = await client.status('not-an-id');
    expect(outcome).toMatchObject({ kind: 'failed', cause: 'invalid_request' });
    expect((await sim.control.state()).requestCounts).toEqual({});
  });
});
