import { engine } from '../support/database.js';
import { startGateway, type TestGateway } from '../support/gateway.js';
import {
  addPanel,
  balanceOf,
  createPartner,
  createService,
  followers,
  upstreamOrders,
  type Panel,
  type TestPartner,
} from '../support/market.js';
import { expectProblem } from '../support/problem.js';

/**
 * Careless and hostile bodies: `null` for an optional field means the field is absent (unless the
 * field documents null as "clear"), and JSON nested deeper than 64 levels is a 400 before any
 * transformer walks it. Neither ever reaches a 500 or changes anything it should not.
 */
describe(`null fields and deep JSON (${engine})`, () => {
  let gw: TestGateway;
  let panel: Panel;
  let serviceId: number;
  let partner: TestPartner;

  beforeAll(async () => {
    gw = await startGateway({ env: { RATE_LIMIT_PER_MINUTE: '100000' } });
    panel = await addPanel(gw, { name: 'panel', catalog: [followers(1, '1.00')] });
    serviceId = await createService(gw, { name: 'Followers' }, [
      { providerId: panel.providerId, upstreamServiceId: 1 },
    ]);
    partner = await createPartner(gw, { name: 'careless', credit: '10' });
  });
  afterAll(async () => {
    await panel?.sim.close();
    await gw?.close();
  });

  it('places an order whose optional routing fields are null as if they were absent', async () => {
    const res = await gw.http().post('/v1/orders').set(partner.auth).send({
      serviceId,
      link: 'https://instagram.com/p/nulls',
      quantity: 1000,
      maxCharge: null,
      only: null,
      ignore: null,
    });
    expect(res.status, res.text).toBe(201);
    expect(await upstreamOrders([panel])).toBe(1);
    expect(await balanceOf(gw, partner)).toBe('9');
  });

  it('refuses null where a value is required, changing nothing', async () => {
    const res = await gw
      .http()
      .post('/v1/orders')
      .set(partner.auth)
      .send({ serviceId, link: null, quantity: null });
    expectProblem(res, 400, 'validation_failed');
    expect(await upstreamOrders([panel])).toBe(1);
    expect(await balanceOf(gw, partner)).toBe('9');
  });

  it('reads null in PATCH bodies as "leave unchanged", except where null clears', async () => {
    const partnerRes = await gw
      .http()
      .patch(`/v1/admin/partners/${partner.id}`)
      .set(gw.admin)
      .send({ name: null, currency: null, markupPercent: null, requestsPerMinute: null });
    expect(partnerRes.status, partnerRes.text).toBe(200);
    expect(partnerRes.body).toMatchObject({ name: 'careless', requestsPerMinute: null });

    const providerRes = await gw
      .http()
      .patch(`/v1/admin/providers/${panel.providerId}`)
      .set(gw.admin)
      .send({ name: null, apiUrl: null, apiKey: null, enabled: null });
    expect(providerRes.status, providerRes.text).toBe(200);
    expect(providerRes.body).toMatchObject({ name: 'panel', enabled: true });

    const described = await gw
      .http()
      .patch(`/v1/admin/services/${serviceId}`)
      .set(gw.admin)
      .send({ description: 'Real ones' });
    expect(described.body).toMatchObject({ description: 'Real ones' });
    const serviceRes = await gw
      .http()
      .patch(`/v1/admin/services/${serviceId}`)
      .set(gw.admin)
      .send({ name: null, refill: null, description: null });
    expect(serviceRes.status, serviceRes.text).toBe(200);
    expect(serviceRes.body).toMatchObject({ name: 'Followers', description: null });
  });

  it('refuses JSON nested 2,000 levels deep with a 400, creating nothing', async () => {
    const deep = `${'{"a":'.repeat(2000)}1${'}'.repeat(2000)}`;
    const before = await gw.http().get('/v1/admin/partners?limit=100').set(gw.admin);
    for (const path of ['/v1/admin/partners', '/v1/orders']) {
      const res = await gw
        .http()
        .post(path)
        .set(path === '/v1/orders' ? partner.auth : gw.admin)
        .set('Content-Type', 'application/json')
        .send(`{"name":"deep","serviceId":${serviceId},"nested":${deep}}`);
      expectProblem(res, 400, 'validation_failed');
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'body' })]);
    }
    const after = await gw.http().get('/v1/admin/partners?limit=100').set(gw.admin);
    expect(after.body.items).toEqual(before.body.items);
    expect(await upstreamOrders([panel])).toBe(1);
  });
});
