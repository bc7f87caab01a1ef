import { engine } from '../support/database.js';
import { balanceOf, upstreamOrders } from '../support/market.js';
import { useOneMarket } from '../support/one-market.js';
import { expectProblem } from '../support/problem.js';

/**
 * A NUL (which PostgreSQL text refuses) or another control character in any text a caller sends
 * is refused up front, on /v1 (a field-level 400) and /api/v2 (Incorrect request): no 500, no
 * "outcome unknown", nothing stored, nothing sent upstream, no money moved.
 */
describe(`control characters in text (${engine})`, () => {
  const m = useOneMarket('nul-sender');

  it('refuses them in every /v1 body and query field, naming the field', async () => {
    const order = await m.gw
      .http()
      .post('/v1/orders')
      .set(m.partner.auth)
      .send({ serviceId: m.serviceId, link: 'https://instagram.com/p/a\u0000b', quantity: 1000 });
    expectProblem(order, 400, 'validation_failed');
    expect(order.body.errors).toEqual([expect.objectContaining({ field: 'link' })]);

    const named = await m.gw
      .http()
      .post('/v1/admin/partners')
      .set(m.gw.admin)
      .send({ name: 'a\u0000' });
    expectProblem(named, 400, 'validation_failed');
    expect(named.body.errors).toEqual([expect.objectContaining({ field: 'name' })]);

    const credit = await m.gw
      .http()
      .post(`/v1/admin/partners/${m.partner.id}/ledger`)
      .set(m.gw.admin)
      .send({ kind: 'credit', amount: '5', reason: 'bonus\u0007' });
    expectProblem(credit, 400, 'validation_failed');

    const audit = await m.gw.http().get('/v1/admin/audit?actor=%00').set(m.gw.admin);
    expectProblem(audit, 400, 'validation_failed');
    expect(audit.body.errors).toEqual([expect.objectContaining({ field: 'actor' })]);

    expect(await upstreamOrders([m.panel])).toBe(0);
    expect(await balanceOf(m.gw, m.partner)).toBe('10');
  });

  it('answers Incorrect request on /api/v2, placing nothing', async () => {
    const res = await m.gw
      .http()
      .post('/api/v2')
      .type('form')
      .send({
        key: m.partner.token,
        action: 'add',
        service: String(m.serviceId),
        link: 'https://instagram.com/p/a\u0000b',
        quantity: '1000',
      });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ error: 'Incorrect request' });
    expect(await upstreamOrders([m.panel])).toBe(0);
    expect(await balanceOf(m.gw, m.partner)).toBe('10');
  });

  it('still takes tabs and line breaks (one Custom Comment per line)', async () => {
    const res = await m.gw
      .http()
      .patch(`/v1/admin/services/${m.serviceId}`)
      .set(m.gw.admin)
      .send({ description: 'line one\nline two\tend' });
    expect(res.status, res.text).toBe(200);
  });
});
