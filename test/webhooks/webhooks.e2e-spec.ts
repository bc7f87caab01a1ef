import { OrderSyncService } from '../../apps/gateway/src/orders/sync/order-sync.service.js';
import { startGateway, STUB_HOSTS, type TestGateway } from '../support/gateway.js';
import { adminOrder, createPartner, type TestPartner } from '../support/market.js';
import { WebhookReceiver, type Received } from '../support/webhook-receiver.js';
import { useWebhookMarket, WEBHOOK_SCOPES, type WebhookMarket } from '../support/webhook-market.js';

/**
 * Webhooks end to end, on this tier's engine: a real receiver on 127.0.0.1, signatures checked
 * with the standardwebhooks library, events produced by the real order, wallet and provider
 * paths. The gateway runs with WEBHOOK_ALLOW_PRIVATE=true (loopback http targets) and a retry
 * base of 50 ms.
 */

type Market = WebhookMarket;
const useMarket = useWebhookMarket;

async function register(
  m: Market,
  auth: { Authorization: string },
  path: string,
  body: Record<string, unknown> = {},
  base = '/v1/webhooks',
): Promise<{ id: number; secret: string }> {
  const res = await m.gw
    .http()
    .post(base)
    .set(auth)
    .send({ url: `${m.receiver.url}${path}`, ...body });
  expect(res.status, res.text).toBe(201);
  expect(res.headers['cache-control']).toBe('no-store');
  return { id: res.body.id as number, secret: res.body.secret as string };
}

async function place(m: Market, partner: TestPartner, quantity = 1000): Promise<number> {
  const res = await m.gw
    .http()
    .post('/v1/orders')
    .set(partner.auth)
    .send({ serviceId: m.serviceId, link: 'https://instagram.com/p/hooks', quantity });
  expect(res.status, res.text).toBe(201);
  return res.body.id as number;
}

async function setUpstream(m: Market, orderId: number, change: Record<string, unknown>) {
  const upstreamId = Number((await adminOrder(m.gw, orderId)).upstreamOrderId);
  await m.panel.sim.control.setOrderStatus(upstreamId, change as never);
}

/** Each sweep a day further on: every open order is due again (the poll schedule backs off). */
let days = 0;
const sweep = (m: Market) =>
  m.gw.app.get(OrderSyncService).sweep(new Date(Date.now() + ++days * 86_400_000));

const orderEvents = (r: WebhookReceiver, path: string, orderId: number): Received[] =>
  r.of('order.updated', path).filter((e) => e.event.data.id === orderId);

describe('webhook endpoints: registration, secrets, isolation', () => {
  const m = useMarket();

  it('registers an endpoint, shows the whsec_ secret once, lists and reads it without it', async () => {
    const { id, secret } = await register(m, m.alice.auth, '/crud', {
      events: ['order.updated'],
      description: 'shop backend',
    });
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const list = await m.gw.http().get('/v1/webhooks').set(m.alice.auth);
    expect(list.status).toBe(200);
    expect(list.body).toEqual([
      expect.objectContaining({
        id,
        events: ['order.updated'],
        description: 'shop backend',
        enabled: true,
      }),
    ]);
    expect(JSON.stringify(list.body)).not.toContain(secret.slice(6));
    const one = await m.gw.http().get(`/v1/webhooks/${id}`).set(m.alice.auth);
    expect(one.body).not.toHaveProperty('secret');
    expect(JSON.stringify(m.gw.logs)).not.toContain(secret.slice(6));
  });

  it("another partner's endpoint is a 404 on every route; the operator's list is separate", async () => {
    const { id } = await register(m, m.alice.auth, '/private');
    for (const [method, path] of [
      ['get', `/v1/webhooks/${id}`],
      ['patch', `/v1/webhooks/${id}`],
      ['delete', `/v1/webhooks/${id}`],
      ['post', `/v1/webhooks/${id}/rotate-secret`],
      ['post', `/v1/webhooks/${id}/test`],
      ['get', `/v1/webhooks/${id}/deliveries`],
      ['post', `/v1/webhooks/${id}/deliveries/1/redeliver`],
    ] as const) {
      const res = await m.gw.http()[method](path).set(m.bob.auth).send({});
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.body.code).toBe('not_found');
    }
    const bobs = await m.gw.http().get('/v1/webhooks').set(m.bob.auth);
    expect(bobs.body).toEqual([]);
    const operator = await m.gw.http().get('/v1/admin/webhooks').set(m.gw.admin);
    expect(operator.body).toEqual([]);
    expect((await m.gw.http().get(`/v1/admin/webhooks/${id}`).set(m.gw.admin)).status).toBe(404);
  });

  it('refuses bad input with field errors and changes nothing', async () => {
    const before = (await m.gw.http().get('/v1/webhooks').set(m.bob.auth)).body as unknown[];
    for (const [body, field] of [
      [{ url: `${m.receiver.url}/x`, events: ['provider.ejected'] }, 'events'],
      [{ url: `${m.receiver.url}/x`, events: ['order.exploded'] }, 'events'],
      [{ url: 42 }, 'url'],
      [{}, 'url'],
      [{ url: `${m.receiver.url}/x`, description: 'x'.repeat(501) }, 'description'],
    ] as const) {
      const res = await m.gw.http().post('/v1/webhooks').set(m.bob.auth).send(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.code).toBe('validation_failed');
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    const token = await m.gw.http().get('/v1/webhooks').set(m.alice.auth);
    expect(token.status).toBe(200);
    expect((await m.gw.http().get('/v1/webhooks').set(m.bob.auth)).body).toEqual(before);
  });

  it('a token without webhooks:write is refused with 403', async () => {
    const plain = await createPartner(m.gw, { name: 'no-hooks' });
    const res = await m.gw
      .http()
      .post('/v1/webhooks')
      .set(plain.auth)
      .send({ url: m.receiver.url });
    expect(res.status).toBe(403);
  });

  it('sends webhook.test signed per Standard Webhooks; rotation keeps the old secret signing for 24 h', async () => {
    const { id, secret } = await register(m, m.bob.auth, '/test-event');
    const sent = await m.gw.http().post(`/v1/webhooks/${id}/test`).set(m.bob.auth);
    expect(sent.status, sent.text).toBe(202);
    expect(sent.body.webhookId).toMatch(/^msg_\d+$/);
    await m.receiver.waitFor(() => m.receiver.of('webhook.test', '/test-event').length === 1);
    const [first] = m.receiver.of('webhook.test', '/test-event');
    expect(first!.headers['webhook-id']).toBe(sent.body.webhookId);
    expect(WebhookReceiver.verify(first!, secret)).toMatchObject({
      type: 'webhook.test',
      data: { endpointId: id },
    });
    const stranger = 'whsec_' + Buffer.alloc(32, 7).toString('base64');
    expect(() => WebhookReceiver.verify(first!, stranger)).toThrow();

    const rotated = await m.gw.http().post(`/v1/webhooks/${id}/rotate-secret`).set(m.bob.auth);
    expect(rotated.status, rotated.text).toBe(201);
    const next = rotated.body.secret as string;
    expect(next).not.toBe(secret);
    expect(Date.parse(rotated.body.previousSecretUntil) - Date.now()).toBeGreaterThan(
      23.9 * 3600_000,
    );
    await m.gw.http().post(`/v1/webhooks/${id}/test`).set(m.bob.auth).expect(202);
    await m.receiver.waitFor(() => m.receiver.of('webhook.test', '/test-event').length === 2);
    const second = m.receiver.of('webhook.test', '/test-event')[1]!;
    expect(String(second.headers['webhook-signature']).split(' ')).toHaveLength(2);
    expect(() => WebhookReceiver.verify(second, next)).not.toThrow();
    expect(() => WebhookReceiver.verify(second, secret)).not.toThrow();

    const deliveries = await m.gw.http().get(`/v1/webhooks/${id}/deliveries`).set(m.bob.auth);
    expect(deliveries.status).toBe(200);
    expect(deliveries.body.items).toHaveLength(2);
    expect(deliveries.body.items[0]).toMatchObject({
      event: 'webhook.test',
      status: 'delivered',
      attempt: 1,
      statusCode: 200,
      nextAttemptAt: null,
    });
    expect(deliveries.body.items[0].durationMs).toEqual(expect.any(Number));
  });

  it('PATCH changes events and pauses; DELETE removes; an endpoint limit of 20', async () => {
    const { id } = await register(m, m.bob.auth, '/patch');
    const patched = await m.gw
      .http()
      .patch(`/v1/webhooks/${id}`)
      .set(m.bob.auth)
      .send({ events: ['balance.low'], enabled: false });
    expect(patched.status, patched.text).toBe(200);
    expect(patched.body).toMatchObject({ events: ['balance.low'], enabled: false });
    await m.gw.http().delete(`/v1/webhooks/${id}`).set(m.bob.auth).expect(204);
    expect((await m.gw.http().get(`/v1/webhooks/${id}`).set(m.bob.auth)).status).toBe(404);
  });
});

describe('partner events: order.updated, balance.low, retries', () => {
  const m = useMarket();

  it('Pending → In progress → Partial: order.updated with increasing versions and the refund', async () => {
    const { secret } = await register(m, m.alice.auth, '/orders', { events: ['order.updated'] });
    const orderId = await place(m, m.alice);
    await setUpstream(m, orderId, { status: 'In progress', startCount: 100, remains: 600 });
    await sweep(m);
    await setUpstream(m, orderId, { status: 'Partial', startCount: 100, remains: 250 });
    await sweep(m);
    await m.receiver.waitFor(() => orderEvents(m.receiver, '/orders', orderId).length === 2);
    const events = orderEvents(m.receiver, '/orders', orderId);
    for (const e of events) expect(() => WebhookReceiver.verify(e, secret)).not.toThrow();
    const [progress, partial] = events
      .map((e) => e.event.data)
      .sort((a, b) => Number(a.version) - Number(b.version));
    expect(progress).toMatchObject({
      id: orderId,
      status: 'in_progress',
      remains: 600,
      startCount: 100,
      refunded: '0',
    });
    expect(partial).toMatchObject({
      id: orderId,
      status: 'partial',
      remains: 250,
      refunded: '0.25',
    });
    expect(Number(partial!.version)).toBeGreaterThan(Number(progress!.version));
    // The payload is the order as GET /v1/orders/{id} shows it, plus the version.
    const read = await m.gw.http().get(`/v1/orders/${orderId}`).set(m.alice.auth);
    const { version: _version, ...order } = partial!;
    expect(order).toEqual(read.body);
    // Bob listens too, and hears nothing of Alice's orders.
    expect(m.receiver.received.filter((r) => r.path === '/bob')).toEqual([]);
  });

  it('a sweep that changes nothing sends nothing', async () => {
    const orderId = await place(m, m.alice);
    await setUpstream(m, orderId, { status: 'In progress', startCount: 5, remains: 900 });
    await sweep(m);
    await m.receiver.waitFor(() => orderEvents(m.receiver, '/orders', orderId).length === 1);
    await sweep(m);
    await sweep(m);
    await new Promise((r) => setTimeout(r, 300));
    expect(orderEvents(m.receiver, '/orders', orderId)).toHaveLength(1);
  });

  it("a partner never receives another partner's events", async () => {
    await register(m, m.bob.auth, '/bob');
    const orderId = await place(m, m.alice);
    await setUpstream(m, orderId, { status: 'Completed', startCount: 1, remains: 0 });
    await sweep(m);
    await m.receiver.waitFor(() => orderEvents(m.receiver, '/orders', orderId).length === 1);
    await new Promise((r) => setTimeout(r, 300));
    expect(m.receiver.received.filter((r) => r.path === '/bob')).toEqual([]);
  });

  it('a receiver answering 500 twice gets the event on the third attempt, same webhook-id', async () => {
    const { id } = await register(m, m.bob.auth, '/flaky', { events: ['order.updated'] });
    m.receiver.answerNext('/flaky', 500, 500);
    const orderId = await place(m, m.bob);
    await setUpstream(m, orderId, { status: 'In progress', startCount: 1, remains: 10 });
    await sweep(m);
    await m.receiver.waitFor(() => orderEvents(m.receiver, '/flaky', orderId).length === 3);
    const attempts = orderEvents(m.receiver, '/flaky', orderId);
    expect(attempts.map((a) => a.status)).toEqual([500, 500, 200]);
    expect(new Set(attempts.map((a) => a.headers['webhook-id'])).size).toBe(1);
    expect(new Set(attempts.map((a) => a.body)).size).toBe(1);
    const log = await m.gw.http().get(`/v1/webhooks/${id}/deliveries`).set(m.bob.auth);
    expect(log.body.items[0]).toMatchObject({ status: 'delivered', attempt: 3, statusCode: 200 });

    const again = await m.gw
      .http()
      .post(`/v1/webhooks/${id}/deliveries/${log.body.items[0].id}/redeliver`)
      .set(m.bob.auth);
    expect(again.status, again.text).toBe(202);
    await m.receiver.waitFor(() => orderEvents(m.receiver, '/flaky', orderId).length === 4);
    expect(orderEvents(m.receiver, '/flaky', orderId)[3]!.headers['webhook-id']).toBe(
      attempts[0]!.headers['webhook-id'],
    );
  });

  it('balance.low once per crossing of the threshold the partner sets', async () => {
    const carol = await createPartner(m.gw, {
      name: 'carol',
      credit: '3.5',
      scopes: WEBHOOK_SCOPES,
    });
    await register(m, carol.auth, '/carol', { events: ['balance.low'] });
    const bad = await m.gw
      .http()
      .patch('/v1/balance')
      .set(carol.auth)
      .send({ lowBalanceThreshold: '-1' });
    expect(bad.status).toBe(400);
    const set = await m.gw
      .http()
      .patch('/v1/balance')
      .set(carol.auth)
      .send({ lowBalanceThreshold: '2' });
    expect(set.status, set.text).toBe(200);
    expect(set.body).toEqual({ balance: '3.5', currency: 'USD', lowBalanceThreshold: '2' });
    await place(m, carol); // 3.5 → 2.5: above
    await place(m, carol); // 2.5 → 1.5: crossed
    await place(m, carol); // 1.5 → 0.5: still below, no second event
    await m.receiver.waitFor(() => m.receiver.of('balance.low', '/carol').length === 1);
    await new Promise((r) => setTimeout(r, 300));
    const low = m.receiver.of('balance.low', '/carol');
    expect(low).toHaveLength(1);
    expect(low[0]!.event.data).toMatchObject({ balance: '1.5', threshold: '2', currency: 'USD' });
  });
});

describe('operator events', () => {
  const m = useMarket();

  it('an ejected provider, its recovery and a low provider balance reach the operator endpoint', async () => {
    const { secret } = await register(m, m.gw.admin, '/ops', {}, '/v1/admin/webhooks');
    const partnerSide = await register(m, m.alice.auth, '/alice-all');
    void partnerSide;
    const ejected = await m.gw
      .http()
      .post(`/v1/admin/providers/${m.panel.providerId}/eject`)
      .set(m.gw.admin)
      .send({ reason: 'maintenance' });
    expect(ejected.status, ejected.text).toBe(200);
    await m.gw
      .http()
      .post(`/v1/admin/providers/${m.panel.providerId}/restore`)
      .set(m.gw.admin)
      .expect(200);

    const patched = await m.gw
      .http()
      .patch(`/v1/admin/providers/${m.panel.providerId}`)
      .set(m.gw.admin)
      .send({ balanceLowThreshold: '50' });
    expect(patched.status, patched.text).toBe(200);
    await m.panel.sim.control.setBalance('20.5');
    await m.gw
      .http()
      .post(`/v1/admin/providers/${m.panel.providerId}/balance`)
      .set(m.gw.admin)
      .expect(200);
    await m.gw
      .http()
      .post(`/v1/admin/providers/${m.panel.providerId}/balance`)
      .set(m.gw.admin)
      .expect(200);

    await m.receiver.waitFor(
      (r) =>
        r.some((e) => e.path === '/ops' && e.event.type === 'provider.balance_low') &&
        r.some((e) => e.path === '/ops' && e.event.type === 'provider.recovered'),
    );
    await new Promise((r) => setTimeout(r, 300));
    // Delivered concurrently: their order is the versions', not the arrivals'.
    const ops = m.receiver.received
      .filter((r) => r.path === '/ops')
      .sort((a, b) => Number(a.event.data.version) - Number(b.event.data.version));
    for (const e of ops) expect(() => WebhookReceiver.verify(e, secret)).not.toThrow();
    expect(ops.map((e) => e.event.type)).toEqual([
      'provider.ejected',
      'provider.recovered',
      'provider.balance_low',
    ]);
    expect(ops[0]!.event.data).toMatchObject({ providerId: m.panel.providerId, manual: true });
    expect(ops[2]!.event.data).toMatchObject({ balance: '20.5', threshold: '50' });
    // Partners never hear operator events.
    expect(m.receiver.received.filter((r) => r.path === '/alice-all')).toEqual([]);
  });

  it('refuses partner event types and partner tokens on the operator routes', async () => {
    const res = await m.gw
      .http()
      .post('/v1/admin/webhooks')
      .set(m.gw.admin)
      .send({ url: `${m.receiver.url}/x`, events: ['order.updated'] });
    expect(res.status).toBe(400);
    const partner = await m.gw.http().get('/v1/admin/webhooks').set(m.alice.auth);
    expect(partner.status).toBe(403);
  });
});

describe('safe targets (no request leaves the machine)', () => {
  let gw: TestGateway;
  let bob: TestPartner;
  beforeAll(async () => {
    gw = await startGateway({ env: { RATE_LIMIT_PER_MINUTE: '100000' } });
    bob = await createPartner(gw, { name: 'bob', scopes: WEBHOOK_SCOPES });
  });
  afterAll(() => gw?.close());

  it.each([
    ['http://127.0.0.1:9/in', 'must use https'],
    ['https://127.0.0.1:9/in', 'resolves to a loopback address'],
    ['https://[::1]:9/in', 'resolves to a loopback address'],
    ['https://10.1.2.3/in', 'resolves to a private address'],
    ['https://169.254.169.254/latest/meta-data', 'resolves to a metadata address'],
    ['https://localhost:9/in', 'resolves to a loopback address'],
    ['ftp://127.0.0.1/in', 'must use https'],
  ])('without WEBHOOK_ALLOW_PRIVATE, %s is refused: %s', async (url, reason) => {
    const res = await gw.http().post('/v1/webhooks').set(bob.auth).send({ url });
    expect(res.status, res.text).toBe(422);
    expect(res.body).toMatchObject({ code: 'webhook_target_refused', reason });
    expect((await gw.http().get('/v1/webhooks').set(bob.auth)).body).toEqual([]);
  });

  it('a name with any private address among its addresses is refused (stub resolver)', async () => {
    const res = await gw
      .http()
      .post('/v1/webhooks')
      .set(bob.auth)
      .send({ url: 'https://rebound.example.com/in' });
    expect(res.status, res.text).toBe(422);
    expect(res.body.reason).toBe('resolves to a private address');
    const unknown = await gw
      .http()
      .post('/v1/webhooks')
      .set(bob.auth)
      .send({ url: 'https://nowhere.test/' });
    expect(unknown.body).toMatchObject({
      code: 'webhook_target_refused',
      reason: 'host does not resolve',
    });
  });

  it('a name rebound to a metadata address after registration is refused at delivery, nothing sent', async () => {
    STUB_HOSTS['rebind.example.com'] = ['93.184.216.34'];
    const created = await gw
      .http()
      .post('/v1/webhooks')
      .set(bob.auth)
      .send({ url: 'https://rebind.example.com/in' });
    expect(created.status, created.text).toBe(201);
    // Rebound before any event exists: the delivery must judge the name again.
    STUB_HOSTS['rebind.example.com'] = ['169.254.169.254'];
    await gw.http().post(`/v1/webhooks/${created.body.id}/test`).set(bob.auth).expect(202);
    let item: Record<string, unknown> | undefined;
    const deadline = Date.now() + 10_000;
    while (!item?.error && Date.now() < deadline) {
      const log = await gw.http().get(`/v1/webhooks/${created.body.id}/deliveries`).set(bob.auth);
      item = log.body.items[0] as Record<string, unknown> | undefined;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(item).toMatchObject({
      status: 'pending',
      attempt: 1,
      statusCode: null,
      error: 'target refused: resolves to a metadata address',
    });
    await gw.http().delete(`/v1/webhooks/${created.body.id}`).set(bob.auth).expect(204);
  });
});
