import type { Response } from 'supertest';
import { OrderSyncService } from '../../apps/gateway/src/orders/sync/order-sync.service.js';
import { startGateway, type TestGateway } from '../support/gateway.js';
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
import { expectProblem } from '../support/problem.js';

/**
 * A partner sees only its own orders, refills and balance: on every partner-facing route,
 * another partner's id answers exactly like an id that does not exist, and nothing of the other
 * partner (nor of the upstream that serves an order) ever shows. Alice owns an open order, a
 * completed one and a refill; Bob probes them.
 */

type Auth = { Authorization: string };

const MISSING = 987_654;
const ALICE_LINK = 'https://instagram.com/p/alice-private-post';

let gw: TestGateway;
let panel: Panel;
let serviceId: number;
let alice: TestPartner;
let bob: TestPartner;
let aliceOpen: number;
let aliceCompleted: number;
let aliceRefill: number;
let bobOrder: number;

async function place(partner: TestPartner, link: string): Promise<number> {
  const res = await gw
    .http()
    .post('/v1/orders')
    .set(partner.auth)
    .send({ serviceId, link, quantity: 1000 });
  expect(res.status, res.text).toBe(201);
  return res.body.id as number;
}

async function issueToken(partnerId: number, scopes: string[]): Promise<Auth> {
  const res = await gw
    .http()
    .post(`/v1/admin/partners/${partnerId}/tokens`)
    .set(gw.admin)
    .send({ scopes, name: scopes.join(' ') });
  expect(res.status, res.text).toBe(201);
  return { Authorization: `Bearer ${res.body.token as string}` };
}

async function upstreamCalls(action: string): Promise<number> {
  return (await panel.sim.control.state()).requestCounts[action] ?? 0;
}

/** The text with one id (as a whole word: not the 1 of /v1) replaced, to compare two answers. */
const idFree = (text: string, id: number): string =>
  text.replace(new RegExp(`(?<!\\w)${id}(?!\\w)`, 'g'), ':id');

/** A 404 with what varies between two calls (request id, the id itself) taken out. */
function notFoundShape(res: Response, id: number): Record<string, unknown> {
  const { requestId: _requestId, detail, instance, ...body } = expectProblem(res, 404, 'not_found');
  const volatile = [
    'x-request-id',
    'date',
    'content-length',
    'ratelimit-remaining',
    'ratelimit-reset',
  ];
  return {
    ...body,
    detail: idFree(String(detail), id),
    instance: idFree(String(instance), id),
    headers: Object.keys(res.headers)
      .filter((h) => !volatile.includes(h))
      .sort(),
  };
}

/** One id's outcome in a batch, without the id. */
function outcomeShape(outcome: Record<string, unknown>, id: number): Record<string, unknown> {
  expect(outcome.orderId).toBe(id);
  return { ...outcome, orderId: ':id', error: idFree(String(outcome.error), id) };
}

beforeAll(async () => {
  gw = await startGateway({ env: { RATE_LIMIT_PER_MINUTE: '100000' } });
  panel = await addPanel(gw, { name: 'panel', catalog: [followers(11, '1.00')] });
  serviceId = await createService(gw, { name: 'Followers', refill: true, cancel: true }, [
    { providerId: panel.providerId, upstreamServiceId: 11 },
  ]);
  alice = await createPartner(gw, { name: 'alice', markupPercent: '10', credit: '100' });
  bob = await createPartner(gw, { name: 'bob', markupPercent: '20', credit: '50' });

  aliceOpen = await place(alice, ALICE_LINK);
  aliceCompleted = await place(alice, ALICE_LINK);
  const upstreamId = Number((await adminOrder(gw, aliceCompleted)).upstreamOrderId);
  await panel.sim.control.setOrderStatus(upstreamId, { status: 'Completed' });
  await gw.app.get(OrderSyncService).sweep(new Date(Date.now() + 3_600_000));
  const refill = await gw.http().post(`/v1/orders/${aliceCompleted}/refill`).set(alice.auth);
  expect(refill.status, refill.text).toBe(201);
  aliceRefill = refill.body.id as number;
  bobOrder = await place(bob, 'https://instagram.com/p/bob');
});

afterAll(async () => {
  await panel?.sim.close();
  await gw?.close();
});

describe("another partner's ids answer exactly like ids that do not exist", () => {
  // Each route, called by Bob with one of Alice's ids and with an id nobody has.
  it.each([
    {
      route: 'GET /v1/orders/{id}',
      aliceId: () => aliceOpen,
      call: (id: number) => gw.http().get(`/v1/orders/${id}`),
    },
    {
      route: 'POST /v1/orders/{id}/refill',
      aliceId: () => aliceCompleted,
      call: (id: number) => gw.http().post(`/v1/orders/${id}/refill`),
    },
    {
      route: 'POST /v1/orders/{id}/cancel',
      aliceId: () => aliceOpen,
      call: (id: number) => gw.http().post(`/v1/orders/${id}/cancel`),
    },
    {
      route: 'GET /v1/refills/{id}',
      aliceId: () => aliceRefill,
      call: (id: number) => gw.http().get(`/v1/refills/${id}`),
    },
  ])('$route', async ({ aliceId, call }) => {
    const foreign = await call(aliceId()).set(bob.auth);
    const missing = await call(MISSING).set(bob.auth);

    expect(notFoundShape(foreign, aliceId())).toEqual(notFoundShape(missing, MISSING));
    expect(foreign.text).not.toContain(ALICE_LINK);
  });

  it('GET /v1/orders?ids= gives the same per-id error, and Bob his own order', async () => {
    const res = await gw
      .http()
      .get('/v1/orders')
      .query({ ids: `${aliceOpen},${bobOrder},${MISSING}` })
      .set(bob.auth);

    expect(res.status, res.text).toBe(200);
    expect(res.body.results).toEqual([
      { id: aliceOpen, error: 'Incorrect order ID' },
      { id: bobOrder, order: expect.objectContaining({ id: bobOrder }) },
      { id: MISSING, error: 'Incorrect order ID' },
    ]);
    expect(res.text).not.toContain(ALICE_LINK);
  });

  it("GET /v1/orders lists only Bob's orders, whatever the filters", async () => {
    for (const query of [{}, { serviceId }, { status: 'pending' }, { status: 'completed' }]) {
      const res = await gw.http().get('/v1/orders').query(query).set(bob.auth);
      expect(res.status, res.text).toBe(200);
      for (const order of res.body.items as { id: number }[]) expect(order.id).toBe(bobOrder);
      expect(res.text).not.toContain(ALICE_LINK);
    }
  });

  it.each([['refill'], ['cancel']])(
    'batch POST /v1/orders/%s gives the same per-id outcome',
    async (action) => {
      const res = await gw
        .http()
        .post(`/v1/orders/${action}`)
        .set(bob.auth)
        .send({ ids: [aliceOpen, aliceCompleted, MISSING] });

      expect(res.status, res.text).toBe(200);
      const [open, completed, missing] = res.body.results as Record<string, unknown>[];
      expect(missing).toEqual({
        orderId: MISSING,
        ok: false,
        code: 'not_found',
        error: `Order ${MISSING} does not exist.`,
      });
      expect(outcomeShape(open!, aliceOpen)).toEqual(outcomeShape(missing!, MISSING));
      expect(outcomeShape(completed!, aliceCompleted)).toEqual(outcomeShape(missing!, MISSING));
    },
  );

  it("GET /v1/balance shows Bob's wallet only", async () => {
    const res = await gw.http().get('/v1/balance').set(bob.auth);
    expect(res.status, res.text).toBe(200);
    expect(res.body).toEqual({
      balance: await balanceOf(gw, bob),
      currency: 'USD',
      lowBalanceThreshold: null,
    });
    expect(res.body.balance).not.toBe(await balanceOf(gw, alice));
  });

  it("Bob's probes changed nothing of Alice's and reached no upstream", async () => {
    expect(await upstreamCalls('cancel')).toBe(0);
    expect((await panel.sim.control.state()).refills).toHaveLength(1);
    const open = await gw.http().get(`/v1/orders/${aliceOpen}`).set(alice.auth);
    expect(open.body).toMatchObject({ status: 'pending', refunded: '0' });
    const refills = await gw.http().get(`/v1/refills/${aliceRefill}`).set(alice.auth);
    expect(refills.body).toMatchObject({ orderId: aliceCompleted, status: 'pending' });
  });
});

describe('who may call the partner routes', () => {
  const partnerRoutes = (): { name: string; send: (auth: Auth) => Promise<Response> }[] => [
    {
      name: 'POST /v1/orders',
      send: (auth) =>
        gw
          .http()
          .post('/v1/orders')
          .set(auth)
          .send({ serviceId, link: 'https://instagram.com/p/x', quantity: 1000 }),
    },
    {
      name: 'GET /v1/orders/{id}',
      send: (auth) => gw.http().get(`/v1/orders/${aliceOpen}`).set(auth),
    },
    {
      name: 'GET /v1/orders?ids=',
      send: (auth) =>
        gw
          .http()
          .get('/v1/orders')
          .query({ ids: `${aliceOpen}` })
          .set(auth),
    },
    { name: 'GET /v1/orders', send: (auth) => gw.http().get('/v1/orders').set(auth) },
    {
      name: 'POST /v1/orders/{id}/refill',
      send: (auth) => gw.http().post(`/v1/orders/${aliceCompleted}/refill`).set(auth),
    },
    {
      name: 'POST /v1/orders/{id}/cancel',
      send: (auth) => gw.http().post(`/v1/orders/${aliceOpen}/cancel`).set(auth),
    },
    {
      name: 'POST /v1/orders/refill',
      send: (auth) =>
        gw
          .http()
          .post('/v1/orders/refill')
          .set(auth)
          .send({ ids: [aliceCompleted] }),
    },
    {
      name: 'POST /v1/orders/cancel',
      send: (auth) =>
        gw
          .http()
          .post('/v1/orders/cancel')
          .set(auth)
          .send({ ids: [aliceOpen] }),
    },
    {
      name: 'GET /v1/refills/{id}',
      send: (auth) => gw.http().get(`/v1/refills/${aliceRefill}`).set(auth),
    },
    { name: 'GET /v1/balance', send: (auth) => gw.http().get('/v1/balance').set(auth) },
  ];

  it('a token that belongs to no partner (ADMIN_TOKEN) gets 403 partner_required everywhere', async () => {
    const before = await upstreamCalls('add');
    for (const route of partnerRoutes()) {
      const res = await route.send(gw.admin);
      expectProblem(res, 403, 'partner_required');
      expect(res.text, route.name).not.toContain(ALICE_LINK);
    }
    expect(await upstreamCalls('add')).toBe(before);
  });

  it('a token that belongs to no partner is refused before its request is validated', async () => {
    const empty = await gw.http().post('/v1/orders').set(gw.admin).send({});
    expectProblem(empty, 403, 'partner_required');
    const badIds = await gw.http().get('/v1/orders').query({ ids: 'x' }).set(gw.admin);
    expectProblem(badIds, 403, 'partner_required');
  });

  it('a token without orders:write cannot place, refill or cancel: 403 insufficient_scope', async () => {
    const readOnly = await issueToken(alice.id, ['orders:read']);
    const before = await balanceOf(gw, alice);
    for (const route of partnerRoutes().filter((r) => r.name.startsWith('POST'))) {
      const body = expectProblem(await route.send(readOnly), 403, 'insufficient_scope');
      expect(body.detail, route.name).toContain('orders:write');
    }
    expect(await balanceOf(gw, alice)).toBe(before);
    expect((await gw.http().get(`/v1/orders/${aliceOpen}`).set(readOnly)).status).toBe(200);
  });

  it('a token without orders:read cannot read orders or refills: 403 insufficient_scope', async () => {
    const writeOnly = await issueToken(alice.id, ['orders:write']);
    for (const route of partnerRoutes().filter(
      (r) => r.name.startsWith('GET') && r.name !== 'GET /v1/balance',
    )) {
      const body = expectProblem(await route.send(writeOnly), 403, 'insufficient_scope');
      expect(body.detail, route.name).toContain('orders:read');
    }
    expectProblem(await gw.http().get('/v1/balance').set(writeOnly), 403, 'insufficient_scope');
  });
});

describe('partner-facing answers never name the upstream', () => {
  it('no provider id, upstream id or upstream key in any body Alice gets', async () => {
    const seen: Response[] = [];
    const as = <T extends Response>(res: T): T => {
      seen.push(res);
      return res;
    };
    const http = () => gw.http();
    const placed = as(
      await http()
        .post('/v1/orders')
        .set(alice.auth)
        .send({ serviceId, link: ALICE_LINK, quantity: 1000 }),
    );
    const id = placed.body.id as number;
    as(await http().get(`/v1/orders/${id}`).set(alice.auth));
    as(await http().get(`/v1/orders/${aliceCompleted}`).set(alice.auth));
    as(
      await http()
        .get('/v1/orders')
        .query({ ids: `${id},${aliceCompleted}` })
        .set(alice.auth),
    );
    as(await http().get('/v1/orders').set(alice.auth));
    as(await http().post(`/v1/orders/${aliceCompleted}/refill`).set(alice.auth));
    as(
      await http()
        .post('/v1/orders/refill')
        .set(alice.auth)
        .send({ ids: [aliceCompleted, id] }),
    );
    as(await http().get(`/v1/refills/${aliceRefill}`).set(alice.auth));
    as(await http().post(`/v1/orders/${id}/cancel`).set(alice.auth));
    as(
      await http()
        .post('/v1/orders/cancel')
        .set(alice.auth)
        .send({ ids: [aliceOpen, id] }),
    );
    as(await http().get('/v1/balance').set(alice.auth));
    as(await http().get('/v1/ledger').set(alice.auth));
    for (const res of seen) expect(res.status, res.text).toBeLessThan(300);

    const upstreamIds = (await panel.sim.control.state()).orders.map((o) => String(o.id));
    const { port } = new URL(panel.sim.url);
    for (const res of seen) {
      const text = res.text;
      expect(text).not.toMatch(/"(provider\w*|upstream\w*)"\s*:/i);
      expect(text).not.toContain(panel.sim.apiKey);
      expect(text).not.toContain(`127.0.0.1:${port}`);
      for (const upstreamId of upstreamIds) {
        expect(text, `upstream order id ${upstreamId}`).not.toMatch(
          new RegExp(`(?<![\\d.])${upstreamId}(?![\\d.])`),
        );
      }
    }
  });
});
