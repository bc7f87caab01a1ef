import { ADMIN_TOKEN, startGateway, type TestGateway } from '../support/gateway.js';
import { expectProblem } from '../support/problem.js';

describe('bearer authentication on /v1 with the environment admin token', () => {
  let gw: TestGateway;

  beforeAll(async () => {
    gw = await startGateway();
  });
  afterAll(() => gw.close());

  it('accepts ADMIN_TOKEN with every scope', async () => {
    const res = await gw.http().get('/v1/me').set(gw.admin);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ kind: 'env-admin', partnerId: null });
    expect(res.body.scopes).toEqual(
      expect.arrayContaining(['admin', 'orders:write', 'services:read']),
    );
  });

  it.each([
    ['missing', undefined],
    ['not bearer', `Basic ${ADMIN_TOKEN}`],
    ['wrong token', 'Bearer e2e-admin-token-0123456789abcdeX'],
    ['empty bearer', 'Bearer '],
  ])('answers 401 for a %s token, with a challenge', async (_case, header) => {
    const req = gw.http().get('/v1/me');
    const res = await (header ? req.set('Authorization', header) : req);
    expectProblem(res, 401, 'unauthorized');
    expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
  });

  it('keeps health and docs open', async () => {
    expect((await gw.http().get('/health/live')).status).toBe(200);
    expect((await gw.http().get('/docs-json')).status).toBe(200);
  });

  it('never logs the authorization header', async () => {
    await gw.http().get('/v1/me').set(gw.admin);
    expect(gw.logs.join('\n')).not.toContain(ADMIN_TOKEN);
  });
});

describe('without ADMIN_TOKEN', () => {
  it('answers 401 to everyone on /v1', async () => {
    const gw = await startGateway({ env: { ADMIN_TOKEN: '' } });
    try {
      const res = await gw.http().get('/v1/me').set('Authorization', `Bearer ${ADMIN_TOKEN}`);
      expectProblem(res, 401, 'unauthorized');
    } finally {
      await gw.close();
    }
  });
});
