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
 * A NUL (which PostgreSQL text refuses) or another control character in any text a caller sends
 * is refused up front, on /v1 (a field-level 400) and /api/v2 (Incorrect request): no 500, no
 * "outcome unknown", nothing stored, nothing sent upstream, no money moved.
 */
describe(`control characters in text (${engine})`, () => {
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
    partner = await createPartner(gw, { name: 'nul-sender', credit: '10' });
  });
  afterAll(async () => {
    await panel?.sim.close();
    await gw?.close();
  });

  it('refuses them in every /v1 body and query field, naming the field', async () => {
    const order = await gw
      .http()
      .post('/v1/orders')
      .set(partner.auth)
      .send({ serviceId, link: 'https://instagram.com/p/a\u0000b', quantity: 1000 });
    expectProblem(order, 400, 'validation_failed');
    expect(order.body.errors).toEqual([expect.objectContaining({ field: 'link' })]);

    const named = await gw
      .http()
      .post('/v1/admin/partners')
      .set(gw.admin)
      .send({ name: 'a\u0000' });
    expectProblem(named, 400, 'validation_failed');
    expect(named.body.errors).toEqual([expect.objectContaining({ field: 'name' })]);

    const credit = await gw
      .http()
      .post(`/v1/admin/partners/${partner.id}/ledger`)
      .set(gw.admin)
      .send({ kind: 'credit', amount: '5', reason: 'bonus\u0007' });
    expectProblem(credit, 400, 'validation_failed');

    const audit = await gw.http().get('/v1/admin/audit?actor=%00').set(gw.admin);
    expectProblem(audit, 400, 'validation_failed');
    expect(audit.body.errors).toEqual([expect.objectContaining({ field: 'actor' })]);

    expect(await upstreamOrders([panel])).toBe(0);
    expect(await balanceOf(gw, partner)).toBe('10');
  });

  it('answers Incorrect request on /api/v2, placing nothing', async () => {
    const res = await gw
      .http()
      .post('/api/v2')
      .type('form')
      .send({
        key: partner.token,
        action: 'add',
        service: String(serviceId),
        link: 'https://instagram.com/p/a\u0000b',
        quantity: '1000',
      });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ error: 'Incorrect request' });
    expect(await upstreamOrders([panel])).toBe(0);
    expect(await balanceOf(gw, partner)).toBe('10');
  });

  it('still takes tabs and line breaks (one Custom Comment per line)', async () => {
    const res = await gw
      .http()
      .patch(`/v1/admin/services/${serviceId}`)
      .set(gw.admin)
      .send({ description: 'line one\nline two\tend' });
    expect(res.status, res.text).toBe(200);
  });
});
