import { engine } from '../support/database.js';
import { balanceOf, upstreamOrders } from '../support/market.js';
import { useOneMarket } from '../support/one-market.js';
import { expectProblem } from '../support/problem.js';

/**
 * Careless and hostile bodies: `null` for an optional field means the field is absent (unless the
 * field documents null as "clear"), and JSON nested deeper than 64 levels is a 400 before any
 * transformer walks it. Neither ever reaches a 500 or changes anything it should not.
 */
describe(`null fields and deep JSON (${engine})`, () => {
  const m = useOneMarket('careless');

  it('places an order whose optional routing fields are null as if they were absent', async () => {
    const res = await m.gw.http().post('/v1/orders').set(m.partner.auth).send({
      serviceId: m.serviceId,
      link: 'https://instagram.com/p/nulls',
      quantity: 1000,
      maxCharge: null,
      only: null,
      ignore: null,
    });
    expect(res.status, res.text).toBe(201);
    expect(await upstreamOrders([m.panel])).toBe(1);
    expect(await balanceOf(m.gw, m.partner)).toBe('9');
  });

  it('refuses null where a value is required, changing nothing', async () => {
    const res = await m.gw
      .http()
      .post('/v1/orders')
      .set(m.partner.auth)
      .send({ serviceId: m.serviceId, link: null, quantity: null });
    expectProblem(res, 400, 'validation_failed');
    expect(await upstreamOrders([m.panel])).toBe(1);
    expect(await balanceOf(m.gw, m.partner)).toBe('9');
  });

  it('reads null in PATCH bodies as "leave unchanged", except where null clears', async () => {
    const partnerRes = await m.gw
      .http()
      .patch(`/v1/admin/partners/${m.partner.id}`)
      .set(m.gw.admin)
      .send({ name: null, currency: null, markupPercent: null, requestsPerMinute: null });
    expect(partnerRes.status, partnerRes.text).toBe(200);
    expect(partnerRes.body).toMatchObject({ name: 'careless', requestsPerMinute: null });

    const providerRes = await m.gw
      .http()
      .patch(`/v1/admin/providers/${m.panel.providerId}`)
      .set(m.gw.admin)
      .send({ name: null, apiUrl: null, apiKey: null, enabled: null });
    expect(providerRes.status, providerRes.text).toBe(200);
    expect(providerRes.body).toMatchObject({ name: 'panel', enabled: true });

    const described = await m.gw
      .http()
      .patch(`/v1/admin/services/${m.serviceId}`)
      .set(m.gw.admin)
      .send({ description: 'Real ones' });
    expect(described.body).toMatchObject({ description: 'Real ones' });
    const serviceRes = await m.gw
      .http()
      .patch(`/v1/admin/services/${m.serviceId}`)
      .set(m.gw.admin)
      .send({ name: null, refill: null, description: null });
    expect(serviceRes.status, serviceRes.text).toBe(200);
    expect(serviceRes.body).toMatchObject({ name: 'Followers', description: null });
  });

  it('refuses JSON nested 2,000 levels deep with a 400, creating nothing', async () => {
    const deep = `${'{"a":'.repeat(2000)}1${'}'.repeat(2000)}`;
    const before = await m.gw.http().get('/v1/admin/partners?limit=100').set(m.gw.admin);
    for (const path of ['/v1/admin/partners', '/v1/orders']) {
      const res = await m.gw
        .http()
        .post(path)
        .set(path === '/v1/orders' ? m.partner.auth : m.gw.admin)
        .set('Content-Type', 'application/json')
        .send(`{"name":"deep","serviceId":${m.serviceId},"nested":${deep}}`);
      expectProblem(res, 400, 'validation_failed');
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'body' })]);
    }
    const after = await m.gw.http().get('/v1/admin/partners?limit=100').set(m.gw.admin);
    expect(after.body.items).toEqual(before.body.items);
    expect(await upstreamOrders([m.panel])).toBe(1);
  });
});
