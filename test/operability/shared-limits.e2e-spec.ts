import { engine } from '../support/database.js';
import { createPartner, processApi, type TestPartner } from '../support/market.js';
import { useGatewayProcesses, type GatewayProcess } from '../support/process.js';

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
const WRONG = bearer('smmgw_this-is-not-a-valid-token');

/** Real gateway processes over real sockets (every request comes from 127.0.0.1). */
describe(`limits over real sockets (${engine})`, () => {
  const fleet = useGatewayProcesses();
  let gw: GatewayProcess;
  let partner: TestPartner;

  beforeAll(async () => {
    gw = await fleet.start({ AUTH_FAILURES_PER_MINUTE: '5' });
    partner = await createPartner(processApi(gw.url), { name: 'behind-a-nat', credit: '10' });
  });

  it('a valid token is served whatever else comes from its address; failures are throttled', async () => {
    const api = processApi(gw.url);
    for (let i = 0; i < 25; i++) await api.http().get('/v1/balance').set(WRONG);
    expect((await api.http().get('/v1/balance').set(WRONG)).status).toBe(429);
    const badKey = await api
      .http()
      .post('/api/v2')
      .type('form')
      .send({ key: 'nope', action: 'balance' });
    expect(badKey.body.error).toMatch(/^Too many requests/);

    // A token this process has never seen (not in any cache) still works, on /v1 and /api/v2.
    const fresh = await api
      .http()
      .post(`/v1/admin/partners/${partner.id}/tokens`)
      .set(api.admin)
      .send({ scopes: ['balance:read'], name: 'fresh' });
    expect(fresh.status, fresh.text).toBe(201);
    const res = await api
      .http()
      .get('/v1/balance')
      .set(bearer(fresh.body.token as string));
    expect(res.status, res.text).toBe(200);
    expect(res.headers['ratelimit-remaining']).toBeDefined();
    const wire = await api
      .http()
      .post('/api/v2')
      .type('form')
      .send({ key: partner.token, action: 'balance' });
    expect(wire.body).toMatchObject({ balance: expect.any(String) });
    // ...while failures from the address stay refused.
    expect((await api.http().get('/v1/balance').set(WRONG)).status).toBe(429);
  });
});

// Several processes share one budget only on PostgreSQL (SQLite is one process per file).
if (engine === 'postgres') {
  describe('two gateway processes on one PostgreSQL database share one budget', () => {
    const fleet = useGatewayProcesses();
    let first: GatewayProcess;
    let second: GatewayProcess;

    beforeAll(async () => {
      const env = { AUTH_FAILURES_PER_MINUTE: '6' };
      first = await fleet.start(env);
      second = await fleet.start(env);
    });

    it('the per-token limit holds in total across both processes', async () => {
      const api = processApi(first.url);
      const partner = await createPartner(api, { name: 'limited' });
      const patched = await api
        .http()
        .patch(`/v1/admin/partners/${partner.id}`)
        .set(api.admin)
        .send({ requestsPerMinute: 10 });
      expect(patched.status, patched.text).toBe(200);
      const statuses: number[] = [];
      for (let i = 0; i < 20; i++) {
        const via = processApi([first, second][i % 2]!.url);
        statuses.push((await via.http().get('/v1/balance').set(partner.auth)).status);
      }
      expect(statuses.filter((s) => s === 200)).toHaveLength(10);
      expect(statuses.filter((s) => s === 429)).toHaveLength(10);
      expect(statuses.slice(0, 10).every((s) => s === 200)).toBe(true);
    });

    it('a revoked token is refused by both processes within 2 s', async () => {
      const api = processApi(first.url);
      const other = processApi(second.url);
      const partner = await createPartner(api, { name: 'revoked' });
      // Both processes have the token cached.
      expect((await api.http().get('/v1/balance').set(partner.auth)).status).toBe(200);
      expect((await other.http().get('/v1/balance').set(partner.auth)).status).toBe(200);
      const tokenId = (await api.http().get('/v1/me').set(partner.auth)).body.tokenId as number;
      const revoked = await api.http().delete(`/v1/admin/tokens/${tokenId}`).set(api.admin);
      expect(revoked.status, revoked.text).toBe(204);
      expect((await api.http().get('/v1/balance').set(partner.auth)).status).toBe(401);
      const deadline = Date.now() + 2_000;
      let status = 0;
      while (Date.now() < deadline) {
        status = (await other.http().get('/v1/balance').set(partner.auth)).status;
        if (status === 401) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(status).toBe(401);
    });

    it('a suspension reaches the other process too', async () => {
      const api = processApi(first.url);
      const other = processApi(second.url);
      const partner = await createPartner(api, { name: 'suspended' });
      expect((await other.http().get('/v1/balance').set(partner.auth)).status).toBe(200);
      const suspended = await api
        .http()
        .post(`/v1/admin/partners/${partner.id}/suspend`)
        .set(api.admin);
      expect(suspended.status, suspended.text).toBeLessThan(300);
      const deadline = Date.now() + 2_000;
      let status = 0;
      while (Date.now() < deadline) {
        status = (await other.http().get('/v1/balance').set(partner.auth)).status;
        if (status === 401) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(status).toBe(401);
    });

    it('the failed-authentication budget of an address is shared (last: it blocks the address)', async () => {
      const [a, b] = [processApi(first.url), processApi(second.url)];
      // 6 failures a minute per address in total (the tests above spent a few): per process
      // counters would allow 12 here.
      const statuses: number[][] = [[], []];
      for (let i = 0; i < 6; i++) {
        statuses[0]!.push((await a.http().get('/v1/me').set(WRONG)).status);
        statuses[1]!.push((await b.http().get('/v1/me').set(WRONG)).status);
      }
      const refusedAsUnknown = statuses.flat().filter((s) => s === 401).length;
      expect(refusedAsUnknown).toBeGreaterThan(0);
      expect(refusedAsUnknown).toBeLessThanOrEqual(6);
      expect(statuses[0]!.at(-1)).toBe(429);
      expect(statuses[1]!.at(-1)).toBe(429);
    });
  });
}
