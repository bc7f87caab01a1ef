import { OrderSyncService } from '../../apps/gateway/src/orders/sync/order-sync.service.js';
import type { TestGateway } from '../support/gateway.js';
import {
  addPanel,
  adminOrder,
  createPartner,
  createService,
  followers,
  type Panel,
  type TestPartner,
} from '../support/market.js';
import { rawCall, startListeningGateway } from './support.js';

/**
 * /api/v2 on the wire: the canonical answer shapes (ids as integers, counts and money as strings),
 * the three transports, and errors that always leave as HTTP 200 `{"error": ...}`, never as a
 * problem document or a redirect, whatever the framework refused.
 */

let gw: TestGateway;
let apiUrl: string;
let panel: Panel;
let serviceId: number;
let partner: TestPartner;

const LINK = 'https://instagram.com/p/wire';

beforeAll(async () => {
  ({ gw, apiUrl } = await startListeningGateway());
  panel = await addPanel(gw, { name: 'panel', catalog: [followers(11, '0.90')] });
  serviceId = await createService(gw, { name: 'Followers', refill: true, cancel: true }, [
    { providerId: panel.providerId, upstreamServiceId: 11 },
  ]);
  partner = await createPartner(gw, { name: 'wire', credit: '100.84292' });
});

afterAll(async () => {
  await panel?.sim.close();
  await gw?.close();
});

const call = (fields: Record<string, string>, transport?: 'form' | 'query' | 'json') =>
  rawCall(apiUrl, { key: partner.token, ...fields }, transport);

async function addOrder(): Promise<number> {
  const res = await call({
    action: 'add',
    service: String(serviceId),
    link: LINK,
    quantity: '300',
  });
  expect(res.body, res.text).toEqual({ order: expect.any(Number) });
  return (res.body as { order: number }).order;
}

describe('canonical answers', () => {
  it('services: service as an integer, rate/min/max as strings, flags as booleans', async () => {
    const res = await call({ action: 'services' });
    expect(res.status).toBe(200);
    expect(res.contentType).toMatch(/^application\/json/);
    expect(res.body).toEqual([
      {
        service: serviceId,
        name: 'Followers',
        type: 'Default',
        category: 'Instagram Followers',
        rate: '0.9',
        min: '10',
        max: '100000',
        refill: true,
        cancel: true,
        dripfeed: false,
        desc: '',
      },
    ]);
  });

  it('add: {"order": <integer>}; status: strings, money with 5 decimals', async () => {
    const id = await addOrder();
    const one = await call({ action: 'status', order: String(id) });
    expect(one.body).toEqual({
      charge: '0.27000',
      start_count: '0',
      status: 'Pending',
      remains: '300',
      currency: 'USD',
    });

    const upstreamId = Number((await adminOrder(gw, id)).upstreamOrderId);
    await panel.sim.control.setOrderStatus(upstreamId, {
      status: 'In progress',
      startCount: 3572,
      remains: 157,
    });
    await gw.app.get(OrderSyncService).sweep(new Date(Date.now() + 3_600_000));
    expect((await call({ action: 'status', order: String(id) })).body).toEqual({
      charge: '0.27000',
      start_count: '3572',
      status: 'In progress',
      remains: '157',
      currency: 'USD',
    });
  });

  it('status (many): an object keyed by each requested id as given', async () => {
    const id = await addOrder();
    const res = await call({ action: 'status', orders: `${id}, 999999,abc` });
    expect(res.body).toEqual({
      [String(id)]: expect.objectContaining({ status: 'Pending', charge: '0.27000' }),
      '999999': { error: 'Incorrect order ID' },
      abc: { error: 'Incorrect order ID' },
    });
  });

  it('status (many): keyed in the order the ids were asked, as panels answer', async () => {
    const a = await addOrder();
    const b = await addOrder();
    const asked = [b, 999999, a].map(String);
    const res = await call({ action: 'status', orders: asked.join(',') });
    // The raw text: a JSON parser would list integer-like keys in ascending order again.
    const keys = [...res.text.matchAll(/"(\d+)":\{/g)].map((m) => m[1]);
    expect(keys).toEqual(asked);
  });

  it('cancel with no ids at all (absent, or only commas): Incorrect request', async () => {
    expect((await call({ action: 'cancel' })).body).toEqual({ error: 'Incorrect request' });
    expect((await call({ action: 'cancel', orders: ',,' })).body).toEqual({
      error: 'Incorrect request',
    });
  });

  it('refill: a string id for one, integers in the list; cancel: always the list', async () => {
    const id = await addOrder();
    const upstreamId = Number((await adminOrder(gw, id)).upstreamOrderId);
    await panel.sim.control.setOrderStatus(upstreamId, { status: 'Completed' });
    await gw.app.get(OrderSyncService).sweep(new Date(Date.now() + 2 * 3_600_000));

    const one = await call({ action: 'refill', order: String(id) });
    expect(one.body).toEqual({ refill: expect.stringMatching(/^\d+$/) });
    const refillId = Number((one.body as { refill: string }).refill);
    expect((await call({ action: 'refill_status', refill: String(refillId) })).body).toEqual({
      status: 'Pending',
    });
    expect((await call({ action: 'refill_status', refills: `${refillId},777777` })).body).toEqual([
      { refill: refillId, status: 'Pending' },
      { refill: 777777, status: { error: 'Refill not found' } },
    ]);
    expect((await call({ action: 'refill', orders: `${id},888888` })).body).toEqual([
      { order: id, refill: expect.any(Number) },
      { order: 888888, refill: { error: 'Incorrect order ID' } },
    ]);

    const open = await addOrder();
    expect((await call({ action: 'cancel', order: String(open) })).body).toEqual([
      { order: open, cancel: 1 },
    ]);
    expect((await call({ action: 'cancel', orders: `${id},888888` })).body).toEqual([
      { order: id, cancel: { error: 'Order not eligible for cancel.' } },
      { order: 888888, cancel: { error: 'Incorrect order ID' } },
    ]);
    expect((await call({ action: 'status', order: String(open) })).body).toEqual({
      charge: '0.00000',
      start_count: expect.stringMatching(/^\d+$/),
      status: 'Canceled',
      remains: '300',
      currency: 'USD',
    });
  });

  it('an order refused everywhere (failed, refunded in full) reads Canceled', async () => {
    await panel.sim.control.setFaults({ rejectAddWith: 'Private account' });
    try {
      const refused = await call({
        action: 'add',
        service: String(serviceId),
        link: LINK,
        quantity: '300',
      });
      expect(refused.body).toEqual({ error: 'The order was refused: Private account' });
    } finally {
      await panel.sim.control.clearFaults();
    }
    const list = await gw.http().get('/v1/orders').query({ status: 'failed' }).set(partner.auth);
    const failed = (list.body.items as { id: number }[])[0]!.id;
    expect((await call({ action: 'status', order: String(failed) })).body).toEqual({
      charge: '0.00000',
      start_count: '0',
      status: 'Canceled',
      remains: '300',
      currency: 'USD',
    });
  });

  it('balance: a decimal string with at least 5 decimals, and the currency', async () => {
    const res = await call({ action: 'balance' });
    expect(res.body).toEqual({ balance: expect.stringMatching(/^\d+\.\d{5,}$/), currency: 'USD' });
  });
});

describe('transports', () => {
  it('a form POST, a query-string GET and a JSON POST give the same answer', async () => {
    const answers = await Promise.all(
      (['form', 'query', 'json'] as const).map((t) => call({ action: 'balance' }, t)),
    );
    for (const a of answers) {
      expect(a.status).toBe(200);
      expect(a.body).toEqual(answers[0]!.body);
    }
  });

  it('fields in the query string and the body merge (the body wins); JSON numbers are fine', async () => {
    const res = await fetch(`${apiUrl}?action=balance&key=${encodeURIComponent(partner.token)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'action=services',
    });
    expect(Array.isArray(await res.json())).toBe(true);

    const json = await fetch(apiUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        key: partner.token,
        action: 'add',
        service: serviceId,
        link: LINK,
        quantity: 300,
      }),
    });
    expect(await json.json()).toEqual({ order: expect.any(Number) });
  });

  it('never redirects: /api/v2 answers GET and POST itself', async () => {
    for (const method of ['GET', 'POST']) {
      const res = await fetch(apiUrl, { method, redirect: 'manual' });
      expect(res.status).toBe(200);
      expect(res.headers.get('location')).toBeNull();
      expect(await res.json()).toEqual({ error: 'Incorrect request' });
    }
  });
});

describe('errors: HTTP 200 {"error": ...}, never problem+json', () => {
  async function expectWireError(res: Response, error: string): Promise<void> {
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({ error });
  }

  it('missing key or action, an unknown action, an unknown key, a partnerless token', async () => {
    expect((await rawCall(apiUrl, { action: 'balance' })).body).toEqual({
      error: 'Incorrect request',
    });
    expect((await call({})).body).toEqual({ error: 'Incorrect request' });
    expect((await call({ action: 'explode' })).body).toEqual({ error: 'Incorrect request' });
    expect((await rawCall(apiUrl, { key: 'nope', action: 'balance' })).body).toEqual({
      error: 'Invalid API key',
    });
    const admin = gw.admin.Authorization.slice('Bearer '.length);
    expect((await rawCall(apiUrl, { key: admin, action: 'balance' })).body).toEqual({
      error: 'Invalid API key',
    });
  });

  it('a body the framework cannot read: malformed JSON, a JSON list, another content type, too large', async () => {
    const post = (body: string, type: string) =>
      fetch(apiUrl, { method: 'POST', headers: { 'content-type': type }, body });
    await expectWireError(
      await post('{"key": "x", "action":', 'application/json'),
      'Incorrect request',
    );
    await expectWireError(await post('[1, 2]', 'application/json'), 'Incorrect request');
    await expectWireError(
      await post('key=x&action=balance', 'application/xml'),
      'Incorrect request',
    );
    await expectWireError(
      await post(
        `key=x&action=balance&pad=${'x'.repeat(gw.config.http.bodyLimitBytes)}`,
        'application/x-www-form-urlencoded',
      ),
      'Incorrect request',
    );
  });

  it('more than 100 ids in one call: Incorrect request', async () => {
    const ids = Array.from({ length: 101 }, (_, i) => String(i + 1)).join(',');
    expect((await call({ action: 'status', orders: ids })).body).toEqual({
      error: 'Incorrect request',
    });
    expect((await call({ action: 'cancel', orders: ids })).body).toEqual({
      error: 'Incorrect request',
    });
  });

  it('add: missing or malformed fields get the panel messages', async () => {
    const add = (fields: Record<string, string>) => call({ action: 'add', ...fields });
    const s = String(serviceId);
    expect((await add({ link: LINK, quantity: '100' })).body).toEqual({
      error: 'Incorrect service ID',
    });
    // Each row as a panel answers it (docs/compat-api-v2.md, "What add accepts").
    for (const quantity of [undefined, '', 'abc', '1.5', '0']) {
      const fields: Record<string, string> = quantity === undefined ? {} : { quantity };
      expect((await add({ service: s, link: LINK, ...fields })).body, quantity).toEqual({
        error: 'Quantity less than minimal 10',
      });
    }
    expect((await add({ service: s, link: LINK, quantity: '100', runs: '2' })).body).toEqual({
      error: 'This service does not support Drip-feed feature',
    });
    expect(
      (await add({ service: s, link: LINK, quantity: '100', runs: '2', interval: '5' })).body,
    ).toEqual({ error: 'This service does not support Drip-feed feature' });
    // A field the type does not take is ignored, as panels ignore it: the order is placed.
    expect((await add({ service: s, link: LINK, quantity: '100', comments: 'a\nb' })).body).toEqual(
      { order: expect.any(Number) },
    );
    // Empty fields are absent (PHP clients send every key).
    expect(
      (await add({ service: s, link: LINK, quantity: '100', runs: '', interval: '' })).body,
    ).toEqual({ order: expect.any(Number) });
  });
});

describe('logs', () => {
  it('never carry the key (query strings included) nor a body', () => {
    const logs = gw.logs.join('\n');
    expect(logs).not.toContain(partner.token);
    expect(logs).not.toContain(encodeURIComponent(partner.token));
    expect(logs).not.toContain(LINK);
  });
});
