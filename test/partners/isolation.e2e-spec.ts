import type { Response } from 'supertest';
import { startGateway, type TestGateway } from '../support/gateway.js';
import { expectProblem } from '../support/problem.js';
import { bearer, createPartner, credit, issueToken } from './support.js';

/** A 404 body with the volatile parts (request id, the id itself) taken out, to compare two answers. */
function notFoundShape(res: Response, id: number): Record<string, unknown> {
  const body = expectProblem(res, 404, 'not_found');
  const { requestId: _r, instance, detail, ...rest } = body;
  return {
    ...rest,
    instance: String(instance).replace(String(id), ':id'),
    detail: String(detail).replace(String(id), ':id'),
    headers: Object.keys(res.headers)
      .filter(
        (h) =>
          ![
            'x-request-id',
            'date',
            'content-length',
            'ratelimit-remaining',
            'ratelimit-reset',
          ].includes(h),
      )
      .sort(),
  };
}

describe('partner isolation on every partner-facing route', () => {
  let gw: TestGateway;
  let alice: { id: number; token: string };
  let bob: { id: number; token: string };
  let bobEntryId: number;
  let aliceEntryId: number;

  beforeAll(async () => {
    gw = await startGateway();
    const a = await createPartner(gw, { name: 'Alice', currency: 'EUR' });
    const b = await createPartner(gw, { name: 'Bob' });
    await credit(gw, a.id, '11');
    await credit(gw, b.id, '22');
    alice = { id: a.id, token: (await issueToken(gw, a.id, ['balance:read'])).token };
    bob = { id: b.id, token: (await issueToken(gw, b.id, ['balance:read'])).token };
    const ledger = (t: string) => gw.http().get('/v1/ledger').set(bearer(t));
    aliceEntryId = (await ledger(alice.token)).body.items[0].id;
    bobEntryId = (await ledger(bob.token)).body.items[0].id;
  });
  afterAll(() => gw.close());

  it('GET /v1/balance shows only the calling partner wallet', async () => {
    expect((await gw.http().get('/v1/balance').set(bearer(alice.token))).body).toEqual({
      balance: '11',
      currency: 'EUR',
      lowBalanceThreshold: null,
    });
    expect((await gw.http().get('/v1/balance').set(bearer(bob.token))).body).toEqual({
      balance: '22',
      currency: 'USD',
      lowBalanceThreshold: null,
    });
  });

  it('GET /v1/ledger lists only the calling partner entries', async () => {
    const res = await gw.http().get('/v1/ledger').set(bearer(alice.token));
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeGreaterThan(0);
    expect(res.body.items.every((e: { partnerId: number }) => e.partnerId === alice.id)).toBe(true);
    expect(res.text).not.toContain('"22"');
  });

  it("GET /v1/ledger/{id}: another partner's entry answers exactly like a missing one", async () => {
    const own = await gw.http().get(`/v1/ledger/${aliceEntryId}`).set(bearer(alice.token));
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ id: aliceEntryId, partnerId: alice.id, amount: '11' });

    const missingId = 987_654;
    const foreign = await gw.http().get(`/v1/ledger/${bobEntryId}`).set(bearer(alice.token));
    const missing = await gw.http().get(`/v1/ledger/${missingId}`).set(bearer(alice.token));
    // Nothing of Bob's entry (amount 22) leaks; the random request id is left out of the check.
    const { requestId: _requestId, ...foreignBody } = foreign.body as Record<string, unknown>;
    expect(JSON.stringify(foreignBody)).not.toContain('22');
    expect(notFoundShape(foreign, bobEntryId)).toEqual(notFoundShape(missing, missingId));
  });

  it('answers 403 partner_required on partner routes to tokens that belong to no partner', async () => {
    for (const path of ['/v1/balance', '/v1/ledger', `/v1/ledger/${aliceEntryId}`]) {
      const body = expectProblem(await gw.http().get(path).set(gw.admin), 403, 'partner_required');
      expect(body.detail).toContain('partner');
    }
  });

  it('the admin ledger routes of one partner never show another partner', async () => {
    const res = await gw.http().get(`/v1/admin/partners/${alice.id}/ledger`).set(gw.admin);
    expect(res.body.items.every((e: { partnerId: number }) => e.partnerId === alice.id)).toBe(true);
  });
});
