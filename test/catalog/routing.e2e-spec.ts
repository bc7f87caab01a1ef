import { DataSource } from 'typeorm';
import type { SimulatorHandle } from '../../apps/provider-sim/src/index.js';
import { RoutingIndex } from '../../apps/gateway/src/routing/routing-index.js';
import { startGateway, type TestGateway } from '../support/gateway.js';
import { expectProblem } from '../support/problem.js';
import { addProvider, Seen, service, startPanel, syncProvider } from './panels.js';

interface Explained {
  ranked: Array<{
    providerId: number;
    upstreamServiceId: string;
    rate: string;
    cost: string;
    currency: string;
  }>;
  excluded: Array<{
    providerId: number;
    upstreamServiceId: string;
    reasons: Array<{ code: string; message: string }>;
  }>;
}

/**
 * Three simulated panels with overlapping catalogs, two in USD and one in EUR, synced and mapped
 * onto our services; every routing rule proved through the explain endpoint.
 */
describe('cheapest-rate routing over three synced panels in two currencies', () => {
  let gw: TestGateway;
  const seen = new Seen();
  let a: SimulatorHandle; // USD
  let b: SimulatorHandle; // EUR
  let c: SimulatorHandle; // USD
  const ids = { a: 0, b: 0, c: 0 };
  let followers = 0; // promises refill
  let followersCancel = 0; // promises refill + cancel
  let likes = 0;

  const catalogC = (rate301 = '0.95') => [
    service(301, 'Instagram Followers - HQ', rate301, {
      min: '500',
      max: '50000',
      refill: true,
      cancel: true,
      dripfeed: true,
    }),
    service(302, 'TikTok Likes', '0.50', { category: 'TikTok Likes' }),
  ];
  const catalogB = (with201 = true) => [
    ...(with201
      ? [
          service(201, 'Instagram followers [HQ]', '0.80', {
            min: '50',
            max: '5000',
            refill: true,
            dripfeed: true,
          }),
        ]
      : []),
    service(202, 'TikTok likes', '0.40', { category: 'TikTok Likes', min: '100' }),
  ];

  const http = () => gw.http();
  const get = async (path: string) => seen.record(await http().get(path).set(gw.admin));
  const send = async (method: 'post' | 'put' | 'patch', path: string, body: unknown) =>
    seen.record(
      await request(method, path)
        .set(gw.admin)
        .send(body as object),
    );
  const request = (method: 'post' | 'put' | 'patch', path: string) => {
    const agent = http();
    return method === 'post'
      ? agent.post(path)
      : method === 'put'
        ? agent.put(path)
        : agent.patch(path);
  };
  const explain = async (serviceId: number, query: string): Promise<Explained> => {
    const res = await get(`/v1/admin/services/${serviceId}/routes?${query}`);
    expect(res.status, res.text).toBe(200);
    return res.body as Explained;
  };
  const order = (e: Explained) => e.ranked.map((r) => `${r.providerId}:${r.upstreamServiceId}`);
  const reasonsOf = (e: Explained, providerId: number) =>
    e.excluded.find((x) => x.providerId === providerId)?.reasons.map((r) => r.code);

  beforeAll(async () => {
    gw = await startGateway();
    a = await startPanel([
      service(101, 'Instagram Followers HQ', '1.00', {
        min: '100',
        max: '10000',
        refill: true,
        cancel: true,
        dripfeed: true,
      }),
      service(102, 'TikTok Likes', '0.50', { category: 'TikTok Likes' }),
      service(103, 'Comments pack', '5', { type: 'Package', min: '1', max: '1' }),
    ]);
    b = await startPanel(catalogB(), { currency: 'EUR' });
    c = await startPanel(catalogC());
    ids.a = (await addProvider(gw, seen, a, 'Panel A')).id;
    ids.b = (await addProvider(gw, seen, b, 'Panel B')).id;
    ids.c = (await addProvider(gw, seen, c, 'Panel C')).id;
    for (const id of Object.values(ids))
      expect((await syncProvider(gw, seen, id)).status).toBe(200);

    const create = async (body: object) => {
      const res = await send('post', '/v1/admin/services', body);
      expect(res.status, res.text).toBe(201);
      return res.body.id as number;
    };
    followers = await create({
      name: 'IG Followers',
      category: 'Instagram',
      type: 'Default',
      refill: true,
    });
    followersCancel = await create({
      name: 'IG Followers (cancellable)',
      category: 'Instagram',
      type: 'Default',
      refill: true,
      cancel: true,
    });
    likes = await create({ name: 'TikTok Likes', category: 'TikTok', type: 'Default' });
    const igOffers = [
      { providerId: ids.a, upstreamServiceId: '101' },
      { providerId: ids.b, upstreamServiceId: 201 },
      { providerId: ids.c, upstreamServiceId: '301' },
    ];
    for (const id of [followers, followersCancel]) {
      expect(
        (await send('put', `/v1/admin/services/${id}/offers`, { offers: igOffers })).status,
      ).toBe(200);
    }
    const likeOffers = [
      { providerId: ids.a, upstreamServiceId: '102' },
      { providerId: ids.c, upstreamServiceId: '302' },
    ];
    expect(
      (await send('put', `/v1/admin/services/${likes}/offers`, { offers: likeOffers })).status,
    ).toBe(200);
  });

  afterAll(async () => {
    await gw?.close();
    await Promise.all([a, b, c].map((p) => p?.close()));
  });

  it('excludes the EUR panel until a EUR rate exists, then converts its cost', async () => {
    const before = await explain(followers, 'quantity=1000');
    expect(reasonsOf(before, ids.b)).toEqual(['no_currency_rate']);
    expect(order(before)).toEqual([`${ids.c}:301`, `${ids.a}:101`]);

    const rate = await send('put', '/v1/admin/currencies/EUR', { rate: '1.1' });
    expect(rate.status, rate.text).toBe(200);
    expect(rate.body).toMatchObject({ code: 'EUR', rate: '1.1', base: 'USD' });

    const after = await explain(followers, 'quantity=1000');
    expect(order(after)).toEqual([`${ids.b}:201`, `${ids.c}:301`, `${ids.a}:101`]);
    expect(after.ranked[0]).toMatchObject({ rate: '0.8', currency: 'EUR', cost: '0.88' });
    expect(after.ranked.map((r) => r.cost)).toEqual(['0.88', '0.95', '1']);
    expect(after.excluded).toEqual([]);
  });

  it('excludes offers whose min/max do not fit the quantity', async () => {
    const big = await explain(followers, 'quantity=6000');
    expect(reasonsOf(big, ids.b)).toEqual(['quantity_above_max']);
    expect(order(big)).toEqual([`${ids.c}:301`, `${ids.a}:101`]);
    const small = await explain(followers, 'quantity=200');
    expect(reasonsOf(small, ids.c)).toEqual(['quantity_below_min']);
    expect(order(small)).toEqual([`${ids.b}:201`, `${ids.a}:101`]);
  });

  it('excludes offers lacking a capability the service promises', async () => {
    const e = await explain(followersCancel, 'quantity=1000');
    expect(reasonsOf(e, ids.b)).toEqual(['missing_cancel']);
    expect(order(e)).toEqual([`${ids.c}:301`, `${ids.a}:101`]);
  });

  it('multiplies quantity by runs for drip-feed, and requires drip-feed support', async () => {
    const e = await explain(followers, 'quantity=1000&runs=3');
    expect(e.ranked.map((r) => r.cost)).toEqual(['2.64', '2.85', '3']);
    const over = await explain(followers, 'quantity=2000&runs=3');
    expect(reasonsOf(over, ids.b)).toEqual(['quantity_above_max']);
    const noDrip = await explain(likes, 'quantity=1000&runs=2');
    expect(noDrip.ranked).toEqual([]);
    expect(reasonsOf(noDrip, ids.a)).toEqual(['missing_dripfeed']);
  });

  it('breaks ties the same way every time: priority, then provider id', async () => {
    for (let i = 0; i < 5; i++) {
      expect(order(await explain(likes, 'quantity=1000'))).toEqual([
        `${ids.a}:102`,
        `${ids.c}:302`,
      ]);
    }
    expect((await send('patch', `/v1/admin/providers/${ids.c}`, { priority: 5 })).status).toBe(200);
    expect(order(await explain(likes, 'quantity=1000'))).toEqual([`${ids.c}:302`, `${ids.a}:102`]);
    expect((await send('patch', `/v1/admin/providers/${ids.c}`, { priority: 0 })).status).toBe(200);
  });

  it('respects only, ignore and maxCharge', async () => {
    const e = await explain(
      followers,
      `quantity=1000&only=${ids.a},${ids.b}&ignore=${ids.b}&maxCharge=0.99`,
    );
    expect(reasonsOf(e, ids.b)).toEqual(['provider_ignored']);
    expect(reasonsOf(e, ids.c)).toEqual(['provider_not_allowed']);
    expect(reasonsOf(e, ids.a)).toEqual(['above_max_charge']);
    expect(e.ranked).toEqual([]);
  });

  it('excludes a disabled provider, and takes it back when re-enabled', async () => {
    expect((await send('patch', `/v1/admin/providers/${ids.b}`, { enabled: false })).status).toBe(
      200,
    );
    const e = await explain(followers, 'quantity=1000');
    expect(reasonsOf(e, ids.b)).toEqual(['provider_disabled']);
    expect(order(e)[0]).toBe(`${ids.c}:301`);
    expect((await send('patch', `/v1/admin/providers/${ids.b}`, { enabled: true })).status).toBe(
      200,
    );
    expect(order(await explain(followers, 'quantity=1000'))[0]).toBe(`${ids.b}:201`);
  });

  it('excludes a provider whose last known balance cannot cover the cost', async () => {
    await b.control.setBalance('0.5');
    const refreshed = await seen.record(
      await http().post(`/v1/admin/providers/${ids.b}/balance`).set(gw.admin),
    );
    expect(refreshed.status, refreshed.text).toBe(200);
    expect(refreshed.body.balance).toBe('0.5');
    const e = await explain(followers, 'quantity=1000'); // 0.80 EUR > 0.5 EUR
    expect(reasonsOf(e, ids.b)).toEqual(['insufficient_balance']);
    expect(order(await explain(followers, 'quantity=500'))[0]).toBe(`${ids.b}:201`); // 0.40 EUR
    await b.control.setBalance('1000');
    await http().post(`/v1/admin/providers/${ids.b}/balance`).set(gw.admin);
    expect(order(await explain(followers, 'quantity=1000'))[0]).toBe(`${ids.b}:201`);
  });

  it('follows a price change between two syncs', async () => {
    await c.control.setCatalog(catalogC('0.70'));
    const sync = await syncProvider(gw, seen, ids.c);
    expect(sync.body).toMatchObject({ new: 0, changed: 1, removed: 0, unchanged: 1 });
    expect(order(await explain(followers, 'quantity=1000'))[0]).toBe(`${ids.c}:301`);
    const history = await get(`/v1/admin/providers/${ids.c}/offers/301/rates`);
    expect(history.body).toEqual([expect.objectContaining({ oldRate: '0.95', newRate: '0.7' })]);
  });

  it('follows a removal between two syncs, and a return', async () => {
    await c.control.setCatalog(catalogC('0.95'));
    await syncProvider(gw, seen, ids.c);
    await b.control.setCatalog(catalogB(false));
    const sync = await syncProvider(gw, seen, ids.b);
    expect(sync.body).toMatchObject({ new: 0, changed: 0, removed: 1, unchanged: 1 });
    const e = await explain(followers, 'quantity=1000');
    expect(reasonsOf(e, ids.b)).toEqual(['offer_unavailable']);
    expect(order(e)).toEqual([`${ids.c}:301`, `${ids.a}:101`]);
    await b.control.setCatalog(catalogB(true));
    expect((await syncProvider(gw, seen, ids.b)).body).toMatchObject({ changed: 1, removed: 0 });
    expect(order(await explain(followers, 'quantity=1000'))[0]).toBe(`${ids.b}:201`);
  });

  it('keeps the last good catalog of a failing upstream, and keeps routing to it', async () => {
    await a.control.setFaults({ html502EveryNth: 1 });
    try {
      const sync = await syncProvider(gw, seen, ids.a);
      const problem = expectProblem(sync, 502, 'upstream_failed');
      expect(problem.providerId).toBe(ids.a);
      const offers = await get(`/v1/admin/providers/${ids.a}/offers?available=true`);
      expect(offers.body.map((o: { upstreamServiceId: string }) => o.upstreamServiceId)).toEqual([
        '101',
        '102',
        '103',
      ]);
      const provider = await get(`/v1/admin/providers/${ids.a}`);
      expect(provider.body.lastSyncError).toMatch(/http_status|502/);
      expect(provider.body.lastSyncCount).toBe(3);
      expect(order(await explain(likes, 'quantity=1000'))[0]).toBe(`${ids.a}:102`);
    } finally {
      await a.control.clearFaults();
    }
  });

  it('lists orderable services for partners with the cheapest rate in the base currency', async () => {
    const list = await get('/v1/services');
    expect(list.status).toBe(200);
    const byName = new Map(list.body.map((s: { name: string }) => [s.name, s]));
    expect(byName.get('IG Followers')).toEqual({
      id: followers,
      name: 'IG Followers',
      category: 'Instagram',
      type: 'Default',
      rate: '0.88',
      currency: 'USD',
      min: 50,
      max: 50000,
      refill: true,
      cancel: false,
      dripfeed: false,
      description: null,
    });
    expect(byName.get('TikTok Likes')).toMatchObject({ rate: '0.5', min: 10, max: 100000 });
    expect(
      (await get('/v1/services?category=tiktok')).body.map((s: { id: number }) => s.id),
    ).toEqual([likes]);
    expect(
      (await get('/v1/services?text=CANCELLABLE')).body.map((s: { id: number }) => s.id),
    ).toEqual([followersCancel]);
    expect((await get('/v1/services?type=Package')).body).toEqual([]);
    expect((await get(`/v1/services/${likes}`)).body).toMatchObject({ id: likes, rate: '0.5' });
    expectProblem(await get('/v1/services/999999'), 404, 'not_found');
  });

  it('hides a service with no eligible offer from partners', async () => {
    const empty = await send('post', '/v1/admin/services', {
      name: 'Unmapped',
      category: 'X',
      type: 'Default',
    });
    expect((await get('/v1/services')).body.map((s: { id: number }) => s.id)).not.toContain(
      empty.body.id,
    );
    expectProblem(await get(`/v1/services/${empty.body.id}`), 404, 'not_found');
    expect((await explain(empty.body.id, 'quantity=10')).ranked).toEqual([]);
  });

  it('validates the explain query and answers 404 for an unknown service', async () => {
    const bad = expectProblem(
      await get(`/v1/admin/services/${followers}/routes?quantity=0&runs=x&only=a&maxCharge=1e5`),
      400,
      'validation_failed',
    );
    const fields = (bad.errors as Array<{ field: string }>).map((e) => e.field);
    expect(new Set(fields)).toEqual(new Set(['quantity', 'runs', 'only', 'maxCharge']));
    expectProblem(await get('/v1/admin/services/987654/routes?quantity=10'), 404, 'not_found');
    expectProblem(await get('/v1/admin/services/abc/routes?quantity=10'), 404, 'not_found');
  });

  it('notices changes made by another gateway process on the same database within 2 s', async () => {
    const db = gw.app.get(DataSource);
    const index = gw.app.get(RoutingIndex);
    const no = gw.db.kind === 'postgres' ? 'false' : '0';
    const yes = gw.db.kind === 'postgres' ? 'true' : '1';
    const later = () => index.current(Date.now() + 3_000);
    expect(order(await explain(followers, 'quantity=1000'))[0]).toBe(`${ids.b}:201`);
    // Another process disables B (provider state) and reprices C's offer (catalog).
    await db.query(`UPDATE providers SET enabled = ${no} WHERE id = ${ids.b}`);
    await db.query('UPDATE catalog_revision SET revision = revision + 1 WHERE id = 2');
    await later();
    const disabled = await explain(followers, 'quantity=1000');
    expect(reasonsOf(disabled, ids.b)).toEqual(['provider_disabled']);
    await db.query(
      `UPDATE provider_offers SET rate = '0.5' WHERE provider_id = ${ids.c} AND upstream_service_id = '301'`,
    );
    await db.query('UPDATE catalog_revision SET revision = revision + 1 WHERE id = 1');
    await later();
    expect((await explain(followers, 'quantity=1000')).ranked[0]).toMatchObject({
      providerId: ids.c,
      cost: '0.5',
    });
    await db.query(`UPDATE providers SET enabled = ${yes} WHERE id = ${ids.b}`);
    await db.query(
      `UPDATE provider_offers SET rate = '0.95' WHERE provider_id = ${ids.c} AND upstream_service_id = '301'`,
    );
    await db.query('UPDATE catalog_revision SET revision = revision + 1');
    await later();
    expect(order(await explain(followers, 'quantity=1000'))[0]).toBe(`${ids.b}:201`);
  });

  it('never shows an upstream key in any response or log line', () => {
    const text = seen.text();
    const logs = gw.logs.join('\n');
    expect(gw.logs.length).toBeGreaterThan(10);
    for (const panel of [a, b, c]) {
      expect(text).not.toContain(panel.apiKey);
      expect(logs).not.toContain(panel.apiKey);
    }
  });
});
