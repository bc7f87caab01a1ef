import { Decimal } from 'decimal.js';
import { startGateway, type TestGateway } from '../support/gateway.js';
import {
  addPanel,
  adminOrder,
  balanceOf,
  createPartner,
  createService,
  followers,
  setCurrencyRate,
  syncPanel,
  upstreamOrders,
  type Panel,
  type TestPartner,
} from '../support/market.js';
import { expectProblem } from '../support/problem.js';

/**
 * Three panels sell the same followers: A at 1.00 USD, B at 1.50 USD, C at 1.20 EUR (1 EUR =
 * 1.10 USD, so 1.32 USD). Routing order: A, C, B. The partner pays in USD with a 10 % markup,
 * so 1000 followers cost it 1.1 whichever upstream takes the order (the charge is fixed when
 * the order is placed).
 */
describe('placing an order: cheapest first, safe failover', () => {
  let gw: TestGateway;
  let a: Panel;
  let b: Panel;
  let c: Panel;
  let panels: Panel[];
  let serviceId: number;
  let partner: TestPartner;
  const order = (extra: Record<string, unknown> = {}) => ({
    serviceId,
    link: 'https://instagram.com/p/abc',
    quantity: 1000,
    ...extra,
  });
  const place = (body: Record<string, unknown> = order(), who: TestPartner = partner) =>
    gw.http().post('/v1/orders').set(who.auth).send(body);

  beforeAll(async () => {
    gw = await startGateway();
    await setCurrencyRate(gw, 'EUR', '1.10');
    a = await addPanel(gw, { name: 'panel-a', catalog: [followers(11, '1.00')], timeoutMs: 1000 });
    b = await addPanel(gw, { name: 'panel-b', catalog: [followers(21, '1.50')] });
    c = await addPanel(gw, { name: 'panel-c', currency: 'EUR', catalog: [followers(31, '1.20')] });
    panels = [a, b, c];
    serviceId = await createService(
      gw,
      { name: 'Followers', refill: true, cancel: true, dripfeed: true },
      [
        { providerId: a.providerId, upstreamServiceId: 11 },
        { providerId: b.providerId, upstreamServiceId: 21 },
        { providerId: c.providerId, upstreamServiceId: 31 },
      ],
    );
    partner = await createPartner(gw, { name: 'reseller', markupPercent: '10', credit: '1000' });
  });

  afterAll(async () => {
    await Promise.all((panels ?? []).map((p) => p.sim.close()));
    await gw?.close();
  });

  afterEach(async () => {
    await Promise.all(panels.map((p) => p.sim.control.reset()));
  });

  it('places on the cheapest upstream and charges cost × (1 + markup), exactly', async () => {
    const before = await balanceOf(gw, partner);
    const res = await place();
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({
      status: 'pending',
      serviceId,
      quantity: 1000,
      charge: '1.1',
      currency: 'USD',
    });
    expect(JSON.stringify(res.body)).not.toMatch(/providerId|upstream/);
    const received = (await a.sim.control.state()).orders;
    expect(received).toHaveLength(1);
    expect(received[0]!.params).toMatchObject({
      service: '11',
      link: 'https://instagram.com/p/abc',
      quantity: '1000',
    });
    expect(await upstreamOrders(panels)).toBe(1);
    expect(await balanceOf(gw, partner)).toBe(new Decimal(before).minus('1.1').toFixed());
    const admin = await adminOrder(gw, res.body.id as number);
    expect(admin).toMatchObject({
      internalStatus: 'pending',
      providerId: a.providerId,
      upstreamOrderId: String(received[0]!.id),
    });
  });

  it('refuses drip-feed on a service that does not promise it', async () => {
    const plain = await createService(gw, { name: 'Followers (no drip-feed)' }, [
      { providerId: a.providerId, upstreamServiceId: 11 },
    ]);
    const res = await place(order({ serviceId: plain, runs: 2, interval: 5 }));
    const problem = expectProblem(res, 400, 'validation_failed');
    expect(problem.errors).toEqual([
      { field: 'runs', message: expect.stringContaining('drip-feed') },
    ]);
  });

  it('sends drip-feed runs and interval, and charges quantity × runs', async () => {
    const res = await place(order({ quantity: 100, runs: 5, interval: 10 }));
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ quantity: 100, runs: 5, interval: 10, charge: '0.55' });
    const [received] = (await a.sim.control.state()).orders;
    expect(received!.params).toMatchObject({ quantity: '100', runs: '5', interval: '10' });
  });

  describe('fails over when the upstream certainly did not take the order', () => {
    it.each([
      ['insufficient_funds', { rejectAddWith: 'Not enough funds on balance' }],
      ['unknown_service', { rejectAddWith: 'Incorrect service ID' }],
      ['quantity_out_of_range', { rejectAddWith: 'Quantity less than minimal 5000' }],
      ['invalid_key', { rejectAddWith: 'Invalid API key' }],
      ['rate_limited', { http429: true }],
      // Every partner shares one account per upstream: another partner's active order there on
      // the same link is a refusal of that account, not of this order.
      [
        'duplicate_active_order',
        {
          rejectAddWith:
            'You have active order with this link. Please wait until order being completed.',
        },
      ],
    ])('%s on the cheapest → the next cheapest takes it', async (reason, fault) => {
      await a.sim.control.setFaults(fault);
      const res = await place();
      expect(res.status, res.text).toBe(201);
      expect(res.body.charge).toBe('1.1');
      expect((await a.sim.control.state()).orders).toHaveLength(0);
      expect((await c.sim.control.state()).orders).toHaveLength(1);
      expect(await upstreamOrders(panels)).toBe(1);
      const admin = await adminOrder(gw, res.body.id as number);
      expect(admin.providerId).toBe(c.providerId);
      expect(admin.attempts).toMatchObject([
        { attempt: 1, providerId: a.providerId, outcome: 'rejected', reason },
        { attempt: 2, providerId: c.providerId, outcome: 'placed' },
      ]);
      if (reason === 'quantity_out_of_range') {
        // The cheapest offer took the limit its panel named; the catalog sync restores the
        // panel's own listing for the next cases.
        const offers = await gw
          .http()
          .get(`/v1/admin/providers/${a.providerId}/offers`)
          .set(gw.admin);
        expect((offers.body as { min: number }[])[0]!.min).toBe(5000);
        await syncPanel(gw, a.providerId);
      }
    });
  });

  it('does not fail over a request no upstream will take (bad link): 422, refunded', async () => {
    const before = await balanceOf(gw, partner);
    await a.sim.control.setFaults({ rejectAddWith: 'Incorrect link' });
    const res = await place();
    const problem = expectProblem(res, 422, 'order_rejected');
    expect(problem).toMatchObject({ reason: 'bad_link' });
    expect(problem.detail).toContain('Incorrect link');
    expect(await upstreamOrders(panels)).toBe(0);
    expect(await balanceOf(gw, partner)).toBe(before);
    const admin = await adminOrder(gw, problem.orderId as number);
    expect(admin).toMatchObject({ internalStatus: 'failed', refunded: '1.1' });
  });

  it('a quantity every upstream refuses: 422 quantity_out_of_range with their minimum, offers corrected', async () => {
    const before = await balanceOf(gw, partner);
    for (const panel of panels) {
      await panel.sim.control.setFaults({ rejectAddWith: 'Quantity less than minimal 5000' });
    }
    const res = await place();
    const problem = expectProblem(res, 422, 'quantity_out_of_range');
    expect(problem).toMatchObject({ min: 5000 });
    expect(await balanceOf(gw, partner)).toBe(before);
    // Corrected at once (routing refuses the next one itself) and a catalog sync is due.
    for (const panel of panels) {
      const offers = await gw
        .http()
        .get(`/v1/admin/providers/${panel.providerId}/offers`)
        .set(gw.admin);
      const [offer] = offers.body as { min: number }[];
      expect(offer!.min).toBe(5000);
      const provider = await gw.http().get(`/v1/admin/providers/${panel.providerId}`).set(gw.admin);
      expect(provider.body.lastSyncAttemptAt ?? null).toBeNull();
    }
    const again = await place();
    expect(expectProblem(again, 422, 'no_eligible_offer')).toMatchObject({
      reasons: ['quantity_below_min'],
    });
    expect(await upstreamOrders(panels)).toBe(0);
    // The catalog sync brings the panels' own limits back (the next tests use the old minimum).
    for (const panel of panels) await syncPanel(gw, panel.providerId);
  });

  describe('never fails over when the outcome is unknown', () => {
    it.each([
      ['hang after create', { hangAfterCreate: true }, 1],
      ['response slower than the timeout', { latencyMs: 1500 }, 1],
      ['truncated JSON', { truncatedJson: true }, 1],
      ['HTML 502 after creating', { html502EveryNth: 1, html502AfterCreate: true }, 1],
      ['HTML 502 before creating', { html502EveryNth: 1 }, 0],
    ])('%s → needs reconciliation, nothing sent elsewhere', async (_case, fault, created) => {
      await a.sim.control.setFaults(fault);
      const res = await place();
      expect(res.status, res.text).toBe(201);
      expect(res.body.status).toBe('pending');
      expect((await a.sim.control.state()).orders).toHaveLength(created);
      expect(await upstreamOrders(panels)).toBe(created);
      const admin = await adminOrder(gw, res.body.id as number);
      expect(admin).toMatchObject({
        internalStatus: 'needs_reconciliation',
        providerId: a.providerId,
      });
      expect(admin.attempts).toMatchObject([{ attempt: 1, outcome: 'ambiguous' }]);
    });

    it('lists it for admins, who resolve it with the upstream order id', async () => {
      await a.sim.control.setFaults({ hangAfterCreate: true });
      const res = await place();
      const [upstream] = (await a.sim.control.state()).orders;
      const listed = await gw
        .http()
        .get('/v1/admin/orders?status=needs_reconciliation')
        .set(gw.admin);
      expect(listed.body.items.map((o: { id: number }) => o.id)).toContain(res.body.id);
      const resolved = await gw
        .http()
        .post(`/v1/admin/orders/${res.body.id}/resolve`)
        .set(gw.admin)
        .send({ upstreamOrderId: String(upstream!.id) });
      expect(resolved.status, resolved.text).toBe(200);
      expect(resolved.body).toMatchObject({
        internalStatus: 'pending',
        upstreamOrderId: String(upstream!.id),
      });
      const again = await gw
        .http()
        .post(`/v1/admin/orders/${res.body.id}/resolve`)
        .set(gw.admin)
        .send({ failed: true });
      expectProblem(again, 409, 'order_not_reconcilable');
    });

    it('or as failed, which refunds the partner exactly once', async () => {
      const before = await balanceOf(gw, partner);
      await a.sim.control.setFaults({ html502EveryNth: 1 });
      const res = await place();
      expect(await balanceOf(gw, partner)).toBe(new Decimal(before).minus('1.1').toFixed());
      const resolve = () =>
        gw
          .http()
          .post(`/v1/admin/orders/${res.body.id}/resolve`)
          .set(gw.admin)
          .send({ failed: true });
      expect((await resolve()).body).toMatchObject({ internalStatus: 'failed', refunded: '1.1' });
      expectProblem(await resolve(), 409, 'order_not_reconcilable');
      expect(await balanceOf(gw, partner)).toBe(before);
    });

    it('refuses a resolution that is neither an upstream id nor failed', async () => {
      await a.sim.control.setFaults({ truncatedJson: true });
      const res = await place();
      const both = await gw
        .http()
        .post(`/v1/admin/orders/${res.body.id}/resolve`)
        .set(gw.admin)
        .send({ upstreamOrderId: '5', failed: true });
      expectProblem(both, 400, 'validation_failed');
      const neither = await gw
        .http()
        .post(`/v1/admin/orders/${res.body.id}/resolve`)
        .set(gw.admin)
        .send({});
      expectProblem(neither, 400, 'validation_failed');
    });
  });

  it('answers 422 naming the reasons when every upstream refuses, and charges nothing', async () => {
    const before = await balanceOf(gw, partner);
    for (const p of panels)
      await p.sim.control.setFaults({ rejectAddWith: 'Not enough funds on balance' });
    const res = await place();
    const problem = expectProblem(res, 422, 'order_rejected');
    expect(problem.attempts).toHaveLength(3);
    expect(await balanceOf(gw, partner)).toBe(before);
    expect(await upstreamOrders(panels)).toBe(0);
  });

  it('answers 422 no_eligible_offer with reasons, and creates nothing', async () => {
    const before = await balanceOf(gw, partner);
    const res = await place(order({ quantity: 5 }));
    const problem = expectProblem(res, 422, 'no_eligible_offer');
    expect(problem.reasons).toEqual(['quantity_below_min']);
    expect(JSON.stringify(problem)).not.toMatch(/providerId/);
    expect(await balanceOf(gw, partner)).toBe(before);
  });

  it('refuses a charge above maxCharge (422) and places nothing', async () => {
    const res = await place(order({ maxCharge: '1.09999' }));
    expectProblem(res, 422, 'max_charge_exceeded');
    expect(await upstreamOrders(panels)).toBe(0);
    expect((await place(order({ maxCharge: '1.1' }))).status).toBe(201);
  });

  it('refuses an order the wallet cannot cover, and places nothing', async () => {
    const poor = await createPartner(gw, { name: 'poor', credit: '0.5' });
    const res = await place(order(), poor);
    expectProblem(res, 422, 'insufficient_funds');
    expect(await upstreamOrders(panels)).toBe(0);
    expect(await balanceOf(gw, poor)).toBe('0.5');
  });

  describe('validation by service type', () => {
    it.each([
      [{ serviceId: 0 }, 'serviceId'],
      [{ quantity: 'ten' }, 'quantity'],
      [{ runs: 3 }, 'interval'],
      [{ unknownField: 1 }, 'unknownField'],
      [{ link: undefined }, 'link'],
      [{ comments: 'a\nb' }, 'comments'],
      [{ maxCharge: 1.5 }, 'maxCharge'],
    ])('%j → 400 naming %s, nothing charged', async (patch, field) => {
      const before = await balanceOf(gw, partner);
      const res = await place(order(patch));
      const problem = expectProblem(res, 400, 'validation_failed');
      expect((problem.errors as { field: string }[]).map((e) => e.field)).toContain(field);
      expect(await balanceOf(gw, partner)).toBe(before);
    });

    it('answers 400 on serviceId for a service that does not exist', async () => {
      const res = await place(order({ serviceId: 999_999 }));
      const problem = expectProblem(res, 400, 'validation_failed');
      expect(problem.errors).toEqual([{ field: 'serviceId', message: expect.any(String) }]);
    });
  });

  describe('Idempotency-Key', () => {
    it('replays the stored response for the same key and body, with one upstream order', async () => {
      const first = await place().set('Idempotency-Key', 'replay-1');
      const again = await place().set('Idempotency-Key', 'replay-1');
      expect(first.status).toBe(201);
      expect(again.status).toBe(201);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(first.headers['idempotent-replayed']).toBeUndefined();
      expect(again.body).toEqual(first.body);
      expect(await upstreamOrders(panels)).toBe(1);
    });

    it('refuses the same key with another body (422)', async () => {
      expect((await place().set('Idempotency-Key', 'mismatch-1')).status).toBe(201);
      const res = await place(order({ quantity: 2000 })).set('Idempotency-Key', 'mismatch-1');
      expectProblem(res, 422, 'idempotency_key_reused');
      expect(await upstreamOrders(panels)).toBe(1);
    });

    it('answers 409 while the first request with the key is still running', async () => {
      await a.sim.control.setFaults({ latencyMs: 600 });
      const [one, two] = await Promise.all([
        place().set('Idempotency-Key', 'in-flight-1'),
        new Promise((r) => setTimeout(r, 150)).then(() =>
          place().set('Idempotency-Key', 'in-flight-1'),
        ),
      ]);
      expect(one.status, one.text).toBe(201);
      expectProblem(two, 409, 'idempotency_in_flight');
      expect(two.headers['retry-after']).toBe('1');
      expect(await upstreamOrders(panels)).toBe(1);
    });

    it('replays a refusal that created an order, and releases a key whose request changed nothing', async () => {
      await a.sim.control.setFaults({ rejectAddWith: 'Incorrect link' });
      const refused = await place().set('Idempotency-Key', 'refused-1');
      expectProblem(refused, 422, 'order_rejected');
      const replay = await place().set('Idempotency-Key', 'refused-1');
      expectProblem(replay, 422, 'order_rejected');
      expect(replay.headers['idempotent-replayed']).toBe('true');

      const tooDear = await place(order({ maxCharge: '0.1' })).set('Idempotency-Key', 'free-1');
      expectProblem(tooDear, 422, 'max_charge_exceeded');
      await a.sim.control.clearFaults();
      const retried = await place(order({ maxCharge: '0.1' })).set('Idempotency-Key', 'free-1');
      expectProblem(retried, 422, 'max_charge_exceeded');
      expect(retried.headers['idempotent-replayed']).toBeUndefined();
    });

    it('scopes keys per partner', async () => {
      const other = await createPartner(gw, { name: 'other-reseller', credit: '10' });
      expect((await place().set('Idempotency-Key', 'shared-1')).status).toBe(201);
      const theirs = await place(order({ quantity: 2000 }), other).set(
        'Idempotency-Key',
        'shared-1',
      );
      expect(theirs.status, theirs.text).toBe(201);
      expect(theirs.headers['idempotent-replayed']).toBeUndefined();
    });

    it('refuses a malformed key', async () => {
      const res = await place().set('Idempotency-Key', 'x'.repeat(300));
      expectProblem(res, 400, 'invalid_idempotency_key');
    });
  });
});
