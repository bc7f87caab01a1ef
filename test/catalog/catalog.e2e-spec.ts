import type { SimulatorHandle } from '../../apps/provider-sim/src/index.js';
import { CatalogSyncJob } from '../../apps/gateway/src/catalog/catalog-sync.job.js';
import { startGateway, type TestGateway } from '../support/gateway.js';
import { expectProblem } from '../support/problem.js';
import { addProvider, Seen, service, startPanel, syncProvider } from './panels.js';

type Doc = {
  services: Array<Record<string, unknown> & { offers: Array<Record<string, unknown>> }>;
};

describe('catalog: sync, offers, services, mapping, document, suggestions, currencies', () => {
  let gw: TestGateway;
  let one: SimulatorHandle;
  let two: SimulatorHandle;
  let p1 = 0;
  let p2 = 0;
  const seen = new Seen();

  const http = () => gw.http();
  const get = async (path: string) => seen.record(await http().get(path).set(gw.admin));
  const post = async (path: string, body?: object) =>
    seen.record(
      await http()
        .post(path)
        .set(gw.admin)
        .send(body ?? {}),
    );
  const put = async (path: string, body: unknown) =>
    seen.record(
      await http()
        .put(path)
        .set(gw.admin)
        .send(body as object),
    );
  const patch = async (path: string, body: object) =>
    seen.record(await http().patch(path).set(gw.admin).send(body));
  const fieldsOf = (problem: Record<string, unknown>) =>
    (problem.errors as Array<{ field: string }>).map((e) => e.field);

  const catalogOne = [
    service(1, 'Instagram Followers [HQ] #1', '1.25', { refill: true }),
    service(2, 'TikTok Views', '0.1', { category: 'TikTok Views' }),
    service(3, 'Story pack', '4.5', { type: 'Package', min: '1', max: '1', category: 'Packs' }),
  ];

  beforeAll(async () => {
    gw = await startGateway();
    one = await startPanel(catalogOne);
    two = await startPanel([
      service(77, 'HQ followers - Instagram', '1.10', {
        refill: true,
        category: 'instagram followers',
      }),
      service(78, 'YouTube Likes', '2', { category: 'YouTube' }),
    ]);
    p1 = (await addProvider(gw, seen, one, 'One')).id;
    p2 = (await addProvider(gw, seen, two, 'Two')).id;
  });
  afterAll(async () => {
    await gw?.close();
    await one?.close();
    await two?.close();
  });

  it('syncs a catalog and reports the counts; a second sync changes nothing', async () => {
    const first = await syncProvider(gw, seen, p1);
    expect(first.status, first.text).toBe(200);
    expect(first.body).toMatchObject({
      providerId: p1,
      received: 3,
      new: 3,
      changed: 0,
      removed: 0,
      unchanged: 0,
      invalid: 0,
    });
    const again = await syncProvider(gw, seen, p1);
    expect(again.body).toMatchObject({ new: 0, changed: 0, removed: 0, unchanged: 3 });
    expect((await syncProvider(gw, seen, p2)).body.new).toBe(2);
    const provider = (await get(`/v1/admin/providers/${p1}`)).body;
    expect(provider).toMatchObject({ lastSyncCount: 3, lastSyncError: null });
    expect(provider.lastSyncedAt).not.toBeNull();
  });

  it('lists offers with exact rates, the provider currency and the mapping', async () => {
    const res = await get(`/v1/admin/providers/${p1}/offers`);
    expect(res.status).toBe(200);
    expect(res.body.map((o: { upstreamServiceId: string }) => o.upstreamServiceId)).toEqual([
      '1',
      '2',
      '3',
    ]);
    expect(res.body[0]).toMatchObject({
      providerId: p1,
      name: 'Instagram Followers [HQ] #1',
      type: 'Default',
      category: 'Instagram Followers',
      rate: '1.25',
      currency: 'USD',
      min: 10,
      max: 100000,
      refill: true,
      cancel: false,
      dripfeed: false,
      available: true,
      serviceIds: [],
      removedAt: null,
    });
    expect(res.body[2]).toMatchObject({ type: 'Package', rate: '4.5' });
    expect((await get(`/v1/admin/providers/${p1}/offers?available=false`)).body).toEqual([]);
    expectProblem(
      await get(`/v1/admin/providers/${p1}/offers?available=maybe`),
      400,
      'validation_failed',
    );
    expectProblem(await get(`/v1/admin/providers/${p1}/offers/999/rates`), 404, 'not_found');
  });

  it('keeps the last good catalog when the upstream suddenly lists nothing', async () => {
    await one.control.setCatalog([]);
    const res = await syncProvider(gw, seen, p1);
    expectProblem(res, 502, 'upstream_failed');
    expect((await get(`/v1/admin/providers/${p1}/offers?available=true`)).body).toHaveLength(3);
    expect((await get(`/v1/admin/providers/${p1}`)).body.lastSyncError).toMatch(
      /listed no services/,
    );
    await one.control.setCatalog(catalogOne);
    expect((await syncProvider(gw, seen, p1)).body.unchanged).toBe(3);
    expect((await get(`/v1/admin/providers/${p1}`)).body.lastSyncError).toBeNull();
  });

  it('creates services and validates them', async () => {
    const res = await post('/v1/admin/services', {
      name: 'Followers',
      category: 'Instagram',
      type: 'Default',
      refill: true,
      description: 'Real-looking followers',
    });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({
      id: expect.any(Number),
      active: true,
      refill: true,
      cancel: false,
      offers: [],
    });
    expectProblem(
      await post('/v1/admin/services', { name: 'Followers', category: 'X', type: 'Default' }),
      409,
      'service_name_taken',
    );
    const bad = expectProblem(
      await post('/v1/admin/services', { name: '', type: 'Nope', refill: 'yes', extra: 1 }),
      400,
      'validation_failed',
    );
    expect(new Set(fieldsOf(bad))).toEqual(
      new Set(['name', 'category', 'type', 'refill', 'extra']),
    );
    const nul = await post('/v1/admin/services', {
      name: 'x\u0000',
      category: 'ok',
      type: 'Default',
    });
    expect(fieldsOf(expectProblem(nul, 400, 'validation_failed'))).toEqual(['name']);
    const renamed = await patch(`/v1/admin/services/${res.body.id}`, {
      description: 'Better',
      cancel: false,
    });
    expect(renamed.body).toMatchObject({ description: 'Better' });
    expectProblem(
      await patch(`/v1/admin/services/${res.body.id}`, { type: 'Package' }),
      400,
      'validation_failed',
    );
    expectProblem(await patch('/v1/admin/services/555555', { name: 'x' }), 404, 'not_found');
    expectProblem(await get('/v1/admin/services/555555'), 404, 'not_found');
  });

  it('maps offers to a service, refusing another type, unknown offers and duplicates', async () => {
    const id = (await get('/v1/admin/services')).body[0].id as number;
    const path = `/v1/admin/services/${id}/offers`;
    const mismatch = await put(path, {
      offers: [
        { providerId: p1, upstreamServiceId: '1' },
        { providerId: p1, upstreamServiceId: '3' },
      ],
    });
    const body = expectProblem(mismatch, 422, 'offer_type_mismatch');
    expect(fieldsOf(body)).toEqual(['offers.1']);
    const unknown = await put(path, {
      offers: [
        { providerId: p1, upstreamServiceId: '404' },
        { providerId: 9999, upstreamServiceId: '1' },
      ],
    });
    expect(fieldsOf(expectProblem(unknown, 422, 'offer_not_found'))).toEqual([
      'offers.0',
      'offers.1',
    ]);
    const twice = await put(path, {
      offers: [
        { providerId: p1, upstreamServiceId: '1' },
        { providerId: p1, upstreamServiceId: 1 },
      ],
    });
    expect(fieldsOf(expectProblem(twice, 400, 'validation_failed'))).toEqual(['offers.1']);
    const invalid = await put(path, { offers: [{ providerId: 'x', upstreamServiceId: '' }] });
    expect(new Set(fieldsOf(expectProblem(invalid, 400, 'validation_failed')))).toEqual(
      new Set(['offers.0.providerId', 'offers.0.upstreamServiceId']),
    );
    expectProblem(await put(path, {}), 400, 'validation_failed');
    const nul = await put(path, { offers: [{ providerId: p1, upstreamServiceId: '1\u0000' }] });
    expect(fieldsOf(expectProblem(nul, 400, 'validation_failed'))).toEqual([
      'offers.0.upstreamServiceId',
    ]);
    expect((await get(`/v1/admin/services/${id}`)).body.offers).toEqual([]);

    const ok = await put(path, {
      offers: [
        { providerId: p1, upstreamServiceId: 1 },
        { providerId: p2, upstreamServiceId: '77' },
      ],
    });
    expect(ok.status, ok.text).toBe(200);
    expect(
      ok.body.offers.map((o: { providerId: number; upstreamServiceId: string }) => [
        o.providerId,
        o.upstreamServiceId,
      ]),
    ).toEqual([
      [p1, '1'],
      [p2, '77'],
    ]);
    expect(ok.body.offers[0]).toMatchObject({ rate: '1.25', currency: 'USD', available: true });
    expectProblem(await put('/v1/admin/services/777777/offers', { offers: [] }), 404, 'not_found');
    const offers = (await get(`/v1/admin/providers/${p1}/offers`)).body;
    expect(offers[0].serviceIds).toEqual([id]);
  });

  it('exports the catalog as a document and applies it idempotently', async () => {
    const exported = (await get('/v1/admin/catalog')).body as Doc;
    expect(exported.services).toHaveLength(1);
    const same = await put('/v1/admin/catalog', exported);
    expect(same.status, same.text).toBe(200);
    expect(same.body).toMatchObject({ created: 0, updated: 0, unchanged: 1, retired: 0 });
    expect(same.body.catalog).toEqual(exported);

    const doc: Doc = {
      services: [
        { ...exported.services[0]!, offers: [{ providerId: p1, upstreamServiceId: '1' }] },
        {
          name: 'Views',
          category: 'TikTok',
          type: 'Default',
          offers: [{ providerId: p1, upstreamServiceId: '2' }],
        },
      ],
    };
    const applied = await put('/v1/admin/catalog', doc);
    expect(applied.body).toMatchObject({ created: 1, updated: 1, unchanged: 0, retired: 0 });
    const again = await put('/v1/admin/catalog', doc);
    expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: 2, retired: 0 });
    expect(again.body.catalog).toEqual((await get('/v1/admin/catalog')).body);
  });

  it('validates the whole document before changing anything', async () => {
    const before = (await get('/v1/admin/catalog')).body as Doc;
    const broken: Doc = {
      services: [
        { ...before.services[0]!, category: 'Changed' },
        {
          name: 'Brand new',
          category: 'X',
          type: 'Default',
          offers: [{ providerId: p1, upstreamServiceId: '3' }],
        },
        { id: 424242, name: 'Ghost', category: 'X', type: 'Default', offers: [] },
        {
          name: 'Brand new',
          category: 'Y',
          type: 'Default',
          offers: [{ providerId: p2, upstreamServiceId: 'nope' }],
        },
      ],
    };
    const res = await put('/v1/admin/catalog', broken);
    const body = expectProblem(res, 422, 'catalog_invalid');
    expect(new Set(fieldsOf(body))).toEqual(
      new Set(['services.1.offers.0', 'services.2.id', 'services.3.name', 'services.3.offers.0']),
    );
    expect((await get('/v1/admin/catalog')).body).toEqual(before);
    expect((await get('/v1/admin/services')).body).toHaveLength(2);

    const typeChange = { services: [{ ...before.services[0]!, type: 'Package', offers: [] }] };
    expect(
      fieldsOf(expectProblem(await put('/v1/admin/catalog', typeChange), 422, 'catalog_invalid')),
    ).toEqual(['services.0.type']);
    const malformed = await put('/v1/admin/catalog', {
      services: [{ name: 1, offers: [{ providerId: -1 }] }],
    });
    expect(fieldsOf(expectProblem(malformed, 400, 'validation_failed'))).toEqual(
      expect.arrayContaining([
        'services.0.name',
        'services.0.offers.0.providerId',
        'services.0.offers.0.upstreamServiceId',
      ]),
    );
    expectProblem(await put('/v1/admin/catalog', { services: 'all' }), 400, 'validation_failed');
  });

  it('retires services the document no longer lists, and revives them by name', async () => {
    const before = (await get('/v1/admin/catalog')).body as Doc;
    const views = before.services.find((s) => s.name === 'Views')!;
    const res = await put('/v1/admin/catalog', { services: [views] });
    expect(res.body).toMatchObject({ retired: 1, unchanged: 1 });
    const all = (await get('/v1/admin/services')).body as Array<{
      name: string;
      active: boolean;
      offers: unknown[];
    }>;
    expect(all.find((s) => s.name === 'Followers')).toMatchObject({ active: false, offers: [] });
    const { id: _id, ...followers } = before.services.find((s) => s.name === 'Followers')!;
    const revived = await put('/v1/admin/catalog', { services: [views, followers] });
    expect(revived.body).toMatchObject({ created: 0, updated: 1, unchanged: 1, retired: 0 });
    expect(revived.body.catalog).toEqual(before);
  });

  it('suggests equivalent unmapped offers across providers, and applies one on request', async () => {
    await put('/v1/admin/catalog', { services: [] });
    const res = await get('/v1/admin/catalog/suggestions');
    expect(res.status, res.text).toBe(200);
    expect(res.body).toHaveLength(1);
    const [suggestion] = res.body;
    expect(suggestion).toMatchObject({
      key: expect.stringMatching(/^[0-9a-f]{16}$/),
      score: 1,
      type: 'Default',
      suggestedName: 'Instagram Followers [HQ]',
      refill: true,
      reasons: [
        'same type: Default',
        'same normalized name: "followers hq instagram"',
        'same category: "instagram followers"',
        'same flags: refill',
      ],
    });
    expect(suggestion.offers.map((o: { providerId: number }) => o.providerId)).toEqual([p1, p2]);

    const badBody = await post(`/v1/admin/catalog/suggestions/${suggestion.key}/apply`, {
      name: '',
      type: 'Package',
    });
    expect(new Set(fieldsOf(expectProblem(badBody, 400, 'validation_failed')))).toEqual(
      new Set(['name', 'type']),
    );
    const applied = await post(`/v1/admin/catalog/suggestions/${suggestion.key}/apply`, {
      name: 'IG Followers HQ',
    });
    expect(applied.status, applied.text).toBe(201);
    expect(applied.body).toMatchObject({
      name: 'IG Followers HQ',
      type: 'Default',
      refill: true,
      active: true,
    });
    expect(applied.body.offers).toHaveLength(2);
    expect((await get('/v1/admin/catalog/suggestions')).body).toEqual([]);
    expectProblem(
      await post(`/v1/admin/catalog/suggestions/${suggestion.key}/apply`),
      404,
      'not_found',
    );
    expectProblem(
      await post('/v1/admin/catalog/suggestions/NOT-A-KEY/apply'),
      400,
      'validation_failed',
    );
    expectProblem(await get('/v1/admin/catalog/suggestions?limit=0'), 400, 'validation_failed');
  });

  it('sets, lists and deletes currency rates, refusing the base currency and bad input', async () => {
    const set = await put('/v1/admin/currencies/EUR', { rate: '1.0834' });
    expect(set.status, set.text).toBe(200);
    expect(set.body).toMatchObject({ code: 'EUR', rate: '1.0834', base: 'USD', isBase: false });
    expect((await put('/v1/admin/currencies/EUR', { rate: '1.09' })).body.rate).toBe('1.09');
    const list = (await get('/v1/admin/currencies')).body;
    expect(list.map((r: { code: string; rate: string }) => [r.code, r.rate])).toEqual([
      ['USD', '1'],
      ['EUR', '1.09'],
    ]);
    expectProblem(await put('/v1/admin/currencies/USD', { rate: '1' }), 422, 'currency_is_base');
    expect(
      fieldsOf(
        expectProblem(
          await put('/v1/admin/currencies/eur', { rate: '1' }),
          400,
          'validation_failed',
        ),
      ),
    ).toEqual(['code']);
    for (const rate of ['0', '-1', 'abc', 1.5, '1.1234567890123']) {
      const res = await put('/v1/admin/currencies/GBP', { rate });
      expect(new Set(fieldsOf(expectProblem(res, 400, 'validation_failed')))).toEqual(
        new Set(['rate']),
      );
    }
    const badCode = seen.record(await http().delete('/v1/admin/currencies/e-u').set(gw.admin));
    expect(fieldsOf(expectProblem(badCode, 400, 'validation_failed'))).toEqual(['code']);
    const deleted = seen.record(await http().delete('/v1/admin/currencies/EUR').set(gw.admin));
    expect(deleted.status).toBe(204);
    expectProblem(
      seen.record(await http().delete('/v1/admin/currencies/EUR').set(gw.admin)),
      404,
      'not_found',
    );
  });

  it('syncs due providers from the scheduled job, each claimed once', async () => {
    const job = gw.app.get(CatalogSyncJob);
    const later = new Date(Date.now() + 3_600_000);
    expect(await job.runOnce(later)).toEqual([p1, p2]);
    expect(await job.runOnce(later)).toEqual([]);
    await patch(`/v1/admin/providers/${p2}`, { enabled: false });
    expect(await job.runOnce(new Date(later.getTime() + 3_600_000))).toEqual([p1]);
  });

  it('never shows an upstream key in any response or log line', () => {
    for (const key of [one.apiKey, two.apiKey]) {
      expect(seen.text()).not.toContain(key);
      expect(gw.logs.join('\n')).not.toContain(key);
    }
  });
});
