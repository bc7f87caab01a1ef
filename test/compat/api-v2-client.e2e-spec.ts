import type { SmmApiClient, SmmOutcome } from '#smm-protocol';
import { Decimal } from 'decimal.js';
import { RefillsService } from '../../apps/gateway/src/orders/follow-ups/refills.service.js';
import { OrderSyncService } from '../../apps/gateway/src/orders/sync/order-sync.service.js';
import type { OrderStatusChange } from '../../apps/provider-sim/src/index.js';
import type { TestGateway } from '../support/gateway.js';
import {
  addPanel,
  adminOrder,
  balanceOf,
  createPartner,
  createService,
  followers,
  type Panel,
  type TestPartner,
} from '../support/market.js';
import { startListeningGateway, v2Client } from './support.js';

/**
 * The gateway as an API v2 panel, driven by the protocol library's own client (SmmApiClient, the
 * one the gateway uses for its upstreams) with a partner token as the key. Behind it, a simulated
 * panel fulfils the orders. At 1.00 USD per 1000 and a 10 % markup, 1000 followers cost 1.1 USD.
 */

let gw: TestGateway;
let apiUrl: string;
let panel: Panel;
let capable: number;
let plain: number;
let poll: number;
let partner: TestPartner;
let other: TestPartner;
let client: SmmApiClient;

const LINK = 'https://instagram.com/p/abc';

beforeAll(async () => {
  ({ gw, apiUrl } = await startListeningGateway());
  panel = await addPanel(gw, {
    name: 'panel',
    catalog: [
      followers(11, '1.00'),
      followers(12, '1.00', { refill: false, cancel: false }),
      followers(13, '2.00', { type: 'Poll', name: 'Poll votes', dripfeed: false }),
    ],
  });
  capable = await createService(
    gw,
    { name: 'Followers', refill: true, cancel: true, dripfeed: true },
    [{ providerId: panel.providerId, upstreamServiceId: 11 }],
  );
  plain = await createService(gw, { name: 'Followers (plain)', refill: false, cancel: false }, [
    { providerId: panel.providerId, upstreamServiceId: 12 },
  ]);
  poll = await createService(gw, { name: 'Poll votes', type: 'Poll', category: 'Polls' }, [
    { providerId: panel.providerId, upstreamServiceId: 13 },
  ]);
  partner = await createPartner(gw, { name: 'reseller', markupPercent: '10', credit: '1000' });
  other = await createPartner(gw, { name: 'someone-else', credit: '100' });
  client = v2Client(apiUrl, partner.token);
});

afterAll(async () => {
  await panel?.sim.close();
  await gw?.close();
});

/** Each sweep an hour later than the last, so every open order is due again. */
let hoursAhead = 0;
const later = () => new Date(Date.now() + ++hoursAhead * 3_600_000);

function value<T>(outcome: SmmOutcome<T>): T {
  expect(outcome.kind, JSON.stringify(outcome)).toBe('success');
  return (outcome as { value: T }).value;
}

function rejection(outcome: SmmOutcome<unknown>): { reason: string; message: string } {
  expect(outcome.kind, JSON.stringify(outcome)).toBe('rejected');
  return outcome as unknown as { reason: string; message: string };
}

async function placeV2(c: SmmApiClient = client, serviceId = capable): Promise<number> {
  const placed = value(await c.add({ service: serviceId, link: LINK, quantity: 1000 }));
  return Number(placed.orderId);
}

async function restOrder(id: number, who: TestPartner = partner) {
  const res = await gw.http().get(`/v1/orders/${id}`).set(who.auth);
  expect(res.status, res.text).toBe(200);
  return res.body as Record<string, unknown>;
}

async function settleUpstream(orderId: number, change: OrderStatusChange): Promise<void> {
  const upstreamId = Number((await adminOrder(gw, orderId)).upstreamOrderId);
  await panel.sim.control.setOrderStatus(upstreamId, change);
  await gw.app.get(OrderSyncService).sweep(later());
}

describe('services', () => {
  it("lists our orderable services at the partner's prices, exactly as GET /v1/services", async () => {
    const catalog = value(await client.services());
    const rest = await gw.http().get('/v1/services').set(partner.auth);
    expect(rest.status, rest.text).toBe(200);

    expect(catalog.invalid).toEqual([]);
    expect(catalog.services.map((s) => s.id)).toEqual([capable, plain, poll].map(String));
    for (const s of catalog.services) {
      const r = (rest.body as Record<string, unknown>[]).find((x) => String(x.id) === s.id)!;
      expect(s.rate.equals(new Decimal(r.rate as string)), s.id).toBe(true);
      expect([s.name, s.type, s.category, s.min, s.max]).toEqual([
        r.name,
        r.type,
        r.category,
        r.min,
        r.max,
      ]);
      expect([s.refill, s.cancel, s.dripfeed]).toEqual([r.refill, r.cancel, r.dripfeed]);
    }
    const followersService = catalog.services.find((s) => s.id === String(capable))!;
    expect(followersService.rate.toFixed()).toBe('1.1');
    expect([followersService.min, followersService.max]).toEqual([10, 100000]);
  });
});

describe('add', () => {
  it('places the order through the same path as POST /v1/orders: routed, sent, charged', async () => {
    const before = new Decimal(await balanceOf(gw, partner));

    const id = await placeV2();

    const order = await restOrder(id);
    expect(order).toMatchObject({ id, status: 'pending', serviceId: capable, link: LINK });
    expect(order).toMatchObject({ quantity: 1000, charge: '1.1', currency: 'USD' });
    expect(before.minus(await balanceOf(gw, partner)).toFixed()).toBe('1.1');
    const upstreamId = Number((await adminOrder(gw, id)).upstreamOrderId);
    const upstream = await panel.sim.control.order(upstreamId);
    expect(upstream.params).toMatchObject({ link: LINK, quantity: '1000', service: '11' });
  });

  it('maps snake_case fields (answer_number) and drip-feed (runs, interval)', async () => {
    const votes = Number(
      value(await client.add({ service: poll, link: LINK, quantity: 100, answerNumber: 2 }))
        .orderId,
    );
    expect((await restOrder(votes)).params).toMatchObject({ answerNumber: 2 });
    const votesUpstream = Number((await adminOrder(gw, votes)).upstreamOrderId);
    expect((await panel.sim.control.order(votesUpstream)).params).toMatchObject({
      answer_number: '2',
    });

    const drip = Number(
      value(await client.add({ service: capable, link: LINK, quantity: 100, runs: 3, interval: 5 }))
        .orderId,
    );
    expect(await restOrder(drip)).toMatchObject({ quantity: 100, runs: 3, interval: 5 });
    const dripUpstream = Number((await adminOrder(gw, drip)).upstreamOrderId);
    expect((await panel.sim.control.order(dripUpstream)).params).toMatchObject({
      runs: '3',
      interval: '5',
    });
  });
});

describe('status', () => {
  it('maps our statuses the panel way after the upstream moves and a sweep', async () => {
    const id = await placeV2();
    const pending = value(await client.status(id));
    expect(pending).toMatchObject({ status: 'pending', rawStatus: 'Pending', remains: 1000 });
    expect(pending.charge?.toFixed()).toBe('1.1');
    expect(pending.currency).toBe('USD');

    await settleUpstream(id, { status: 'In progress', startCount: 3572, remains: 600 });
    expect(value(await client.status(id))).toMatchObject({
      status: 'in_progress',
      rawStatus: 'In progress',
      startCount: 3572,
      remains: 600,
    });

    await settleUpstream(id, { status: 'Partial', remains: 157 });
    const partial = value(await client.status(id));
    expect(partial).toMatchObject({ status: 'partial', rawStatus: 'Partial', remains: 157 });
    // Charged 1.1, refunded 1.1 × 157 / 1000 = 0.1727: the order now costs 0.9273.
    expect(partial.charge?.toFixed()).toBe('0.9273');
    expect(await restOrder(id)).toMatchObject({ status: 'partial', refunded: '0.1727' });
  });

  it.each([
    ['Completed', 'completed', 'Completed'],
    ['Canceled', 'canceled', 'Canceled'],
  ])('upstream %s reads %s', async (upstream, status, raw) => {
    const id = await placeV2();
    await settleUpstream(id, { status: upstream });
    expect(value(await client.status(id))).toMatchObject({ status, rawStatus: raw });
  });

  it("many at once: unknown ids and another partner's ids answer Incorrect order ID", async () => {
    const mine = await placeV2();
    const theirs = await placeV2(v2Client(apiUrl, other.token));

    const batch = await client.statuses([mine, theirs, 999_999]);

    expect(batch.results.get(String(mine))).toMatchObject({ kind: 'ok' });
    for (const id of [theirs, 999_999]) {
      expect(batch.results.get(String(id))).toEqual({
        kind: 'error',
        reason: 'unknown_order',
        message: 'Incorrect order ID',
      });
    }
    expect(rejection(await client.status(theirs))).toMatchObject({
      reason: 'unknown_order',
      message: 'Incorrect order ID',
    });
  });
});

describe('refill', () => {
  it('refills a completed order; its status follows the upstream through the refill sweep', async () => {
    const id = await placeV2();
    await settleUpstream(id, { status: 'Completed' });

    const refillId = value(await client.refill(id)).refillId;
    expect(value(await client.refillStatus(refillId))).toMatchObject({
      status: 'pending',
      rawStatus: 'Pending',
    });
    const rest = await gw.http().get(`/v1/refills/${refillId}`).set(partner.auth);
    expect(rest.body).toMatchObject({ orderId: id, status: 'pending' });

    const upstreamId = Number((await adminOrder(gw, id)).upstreamOrderId);
    const upstreamRefill = (await panel.sim.control.state()).refills.find(
      (r) => r.orderId === upstreamId,
    )!;
    await panel.sim.control.setRefillStatus(upstreamRefill.id, 'Completed');
    await gw.app.get(RefillsService).sweep(later());
    expect(value(await client.refillStatus(refillId))).toMatchObject({ status: 'completed' });

    const many = await client.refillStatuses([refillId, '999999']);
    expect(many.results.get(refillId)).toMatchObject({ kind: 'ok' });
    expect(many.results.get('999999')).toMatchObject({
      kind: 'error',
      reason: 'unknown_refill',
      message: 'Refill not found',
    });
  });

  it('refuses what the gateway refuses, with the panel messages', async () => {
    const pendingOrder = await placeV2();
    expect(rejection(await client.refill(pendingOrder))).toMatchObject({
      reason: 'not_eligible',
      message: 'Order not eligible for refill.',
    });
    const plainOrder = await placeV2(client, plain);
    await settleUpstream(plainOrder, { status: 'Completed' });
    expect(rejection(await client.refill(plainOrder))).toMatchObject({ reason: 'not_eligible' });

    const theirs = await placeV2(v2Client(apiUrl, other.token));
    const many = await client.refills([pendingOrder, theirs]);
    expect(many.results.get(String(pendingOrder))).toMatchObject({
      kind: 'error',
      reason: 'not_eligible',
    });
    expect(many.results.get(String(theirs))).toMatchObject({
      kind: 'error',
      reason: 'unknown_order',
      message: 'Incorrect order ID',
    });
  });
});

describe('cancel', () => {
  it("cancels own open orders (refunded); unknown and others' ids are Incorrect order ID", async () => {
    const before = new Decimal(await balanceOf(gw, partner));
    const mine = await placeV2();
    const theirs = await placeV2(v2Client(apiUrl, other.token));

    const batch = await client.cancel([mine, theirs, 999_999]);

    expect(batch.results.get(String(mine))).toEqual({ kind: 'ok', value: true });
    for (const id of [theirs, 999_999]) {
      expect(batch.results.get(String(id))).toMatchObject({
        kind: 'error',
        reason: 'unknown_order',
        message: 'Incorrect order ID',
      });
    }
    expect(await restOrder(mine)).toMatchObject({ status: 'canceled', refunded: '1.1' });
    expect(new Decimal(await balanceOf(gw, partner)).equals(before)).toBe(true);
    expect(value(await client.status(mine))).toMatchObject({ status: 'canceled' });
    expect(value(await client.status(mine)).charge?.isZero()).toBe(true);
    expect(await restOrder(theirs, other)).toMatchObject({ status: 'pending' });
  });

  it('an offer without cancel: Order not eligible for cancel.', async () => {
    const id = await placeV2(client, plain);
    const batch = await client.cancel([id]);
    expect(batch.results.get(String(id))).toMatchObject({ kind: 'error', reason: 'not_eligible' });
  });
});

describe('balance', () => {
  it('is the wallet balance, exact, in the partner currency', async () => {
    const balance = value(await client.balance());
    expect(balance.currency).toBe('USD');
    expect(balance.balance.equals(new Decimal(await balanceOf(gw, partner)))).toBe(true);
  });
});

describe('errors map to the reasons the client expects', () => {
  it('an unknown key: invalid_key', async () => {
    const bogus = v2Client(apiUrl, 'smmgw_not-a-real-token-at-all');
    expect(rejection(await bogus.balance())).toMatchObject({
      reason: 'invalid_key',
      message: 'Invalid API key',
    });
    expect(
      rejection(await bogus.add({ service: capable, link: LINK, quantity: 1000 })),
    ).toMatchObject({ reason: 'invalid_key' });
  });

  it('a key without the scope the action needs: invalid_key', async () => {
    const issued = await gw
      .http()
      .post(`/v1/admin/partners/${partner.id}/tokens`)
      .set(gw.admin)
      .send({ scopes: ['services:read'], name: 'catalog only' });
    expect(issued.status, issued.text).toBe(201);
    const catalogOnly = v2Client(apiUrl, issued.body.token as string);
    expect((await catalogOnly.services()).kind).toBe('success');
    expect(rejection(await catalogOnly.balance())).toMatchObject({ reason: 'invalid_key' });
    expect(rejection(await catalogOnly.status(1))).toMatchObject({ reason: 'invalid_key' });
    expect(
      rejection(await catalogOnly.add({ service: capable, link: LINK, quantity: 1000 })),
    ).toMatchObject({ reason: 'invalid_key' });
  });

  it('quantity outside our limits: quantity_out_of_range with the service min/max', async () => {
    const before = await balanceOf(gw, partner);
    expect(rejection(await client.add({ service: capable, link: LINK, quantity: 5 }))).toEqual(
      expect.objectContaining({
        reason: 'quantity_out_of_range',
        message: 'Quantity less than minimal 10',
      }),
    );
    expect(
      rejection(await client.add({ service: capable, link: LINK, quantity: 100_001 })),
    ).toEqual(
      expect.objectContaining({
        reason: 'quantity_out_of_range',
        message: 'Quantity more than maximal 100000',
      }),
    );
    expect(await balanceOf(gw, partner)).toBe(before);
  });

  it('a bad link (refused upstream, refunded) or none: bad_link', async () => {
    const before = await balanceOf(gw, partner);
    expect(
      rejection(await client.add({ service: capable, link: 'not a link', quantity: 1000 })),
    ).toMatchObject({ reason: 'bad_link', message: 'Incorrect link' });
    expect(rejection(await client.add({ service: capable, quantity: 1000 }))).toMatchObject({
      reason: 'bad_link',
      message: 'Incorrect link',
    });
    expect(await balanceOf(gw, partner)).toBe(before);
  });

  it('a wallet that cannot pay: insufficient_funds', async () => {
    const poor = await createPartner(gw, { name: 'poor', credit: '0.5' });
    expect(
      rejection(
        await v2Client(apiUrl, poor.token).add({ service: capable, link: LINK, quantity: 1000 }),
      ),
    ).toMatchObject({ reason: 'insufficient_funds', message: 'Not enough funds on balance' });
    expect(await balanceOf(gw, poor)).toBe('0.5');
  });

  it('an unknown service: unknown_service', async () => {
    expect(
      rejection(await client.add({ service: 424242, link: LINK, quantity: 1000 })),
    ).toMatchObject({ reason: 'unknown_service', message: 'Incorrect service ID' });
  });
});

describe.each(['form', 'query', 'json'] as const)('the %s transport', (transport) => {
  it('services, add, status, balance', async () => {
    const c = v2Client(apiUrl, partner.token, transport);
    expect(value(await c.services()).services.length).toBe(3);
    const id = Number(value(await c.add({ service: capable, link: LINK, quantity: 1000 })).orderId);
    expect(await restOrder(id)).toMatchObject({ status: 'pending', charge: '1.1' });
    expect(value(await c.status(id))).toMatchObject({ status: 'pending' });
    expect((await c.balance()).kind).toBe('success');
    expect(
      rejection(await v2Client(apiUrl, 'wrong-key-0123456789', transport).balance()),
    ).toMatchObject({ reason: 'invalid_key' });
  });
});

describe('an ambiguous placement', () => {
  it('is a success for the caller: the order exists, pending, waiting for reconciliation', async () => {
    const slow = await addPanel(gw, {
      name: 'slow',
      catalog: [followers(21, '1.00')],
      timeoutMs: 1000,
    });
    try {
      const service = await createService(gw, { name: 'Followers (slow)' }, [
        { providerId: slow.providerId, upstreamServiceId: 21 },
      ]);
      await slow.sim.control.setFaults({ hangAfterCreate: true });

      const id = await placeV2(client, service);

      expect(await restOrder(id)).toMatchObject({ status: 'pending' });
      expect(await adminOrder(gw, id)).toMatchObject({ internalStatus: 'needs_reconciliation' });
      expect(value(await client.status(id))).toMatchObject({ status: 'pending' });
    } finally {
      await slow.sim.close();
    }
  });
});

describe('the key', () => {
  it('never appears in the logs, whatever the transport', () => {
    const logs = gw.logs.join('\n');
    expect(logs).toContain('/api/v2');
    expect(logs).not.toContain(partner.token);
    expect(logs).not.toContain(other.token);
    expect(logs).not.toContain('wrong-key-0123456789');
  });
});
