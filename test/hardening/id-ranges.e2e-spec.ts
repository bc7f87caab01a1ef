import { engine } from '../support/database.js';
import { startGateway, type TestGateway } from '../support/gateway.js';
import { createPartner, type TestPartner } from '../support/market.js';
import { expectProblem } from '../support/problem.js';

/**
 * Ids beyond what the id columns hold (or not written as plain digits) in lists and filters are
 * a 400 naming the parameter, never a database error: on PostgreSQL they were 500s.
 */
describe(`ids out of range in lists and filters (${engine})`, () => {
  let gw: TestGateway;
  let partner: TestPartner;

  beforeAll(async () => {
    gw = await startGateway();
    partner = await createPartner(gw, { name: 'id-tester', credit: '1' });
  });
  afterAll(async () => {
    await gw?.close();
  });

  it.each([
    ['/v1/orders?ids=1,2147483648', 'ids'],
    ['/v1/orders?ids=99999999999', 'ids'],
    ['/v1/orders?serviceId=2147483648', 'serviceId'],
    ['/v1/orders?serviceId=0x1', 'serviceId'],
  ])('GET %s is a 400 naming %s', async (path, field) => {
    const res = await gw.http().get(path).set(partner.auth);
    expectProblem(res, 400, 'validation_failed');
    const fields = (res.body.errors as { field: string }[]).map((e) => e.field);
    expect(new Set(fields)).toEqual(new Set([field]));
  });

  it.each([
    ['/v1/admin/orders?partnerId=2147483648', 'partnerId'],
    ['/v1/admin/orders?providerId=1e3', 'providerId'],
  ])('GET %s is a 400 naming %s', async (path, field) => {
    const res = await gw.http().get(path).set(gw.admin);
    expectProblem(res, 400, 'validation_failed');
    const fields = (res.body.errors as { field: string }[]).map((e) => e.field);
    expect(new Set(fields)).toEqual(new Set([field]));
  });

  it('refuses body id lists beyond the range; ids within it answer per id', async () => {
    const far = await gw
      .http()
      .post('/v1/orders/refill')
      .set(partner.auth)
      .send({ ids: [1, 2147483648] });
    expectProblem(far, 400, 'validation_failed');
    const near = await gw.http().get('/v1/orders?ids=2147483647').set(partner.auth);
    expect(near.status, near.text).toBe(200);
  });
});
