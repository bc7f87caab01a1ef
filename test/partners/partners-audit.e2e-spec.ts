import { TokensService } from '../../apps/gateway/src/partners/tokens/tokens.service.js';
import { startGateway, type TestGateway } from '../support/gateway.js';
import { expectProblem } from '../support/problem.js';
import { bearer, createPartner, issueToken } from './support.js';

interface AuditEntry {
  actor: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  details: Record<string, unknown> | null;
  requestId: string | null;
  createdAt: string;
}

describe('partners admin API and its audit log', () => {
  let gw: TestGateway;

  const audit = async (query = ''): Promise<AuditEntry[]> => {
    const res = await gw.http().get(`/v1/admin/audit?limit=200${query}`).set(gw.admin);
    expect(res.status).toBe(200);
    return res.body.items;
  };

  beforeAll(async () => {
    gw = await startGateway();
  });
  afterAll(() => gw.close());

  it('creates a partner with defaults: base currency, markup 0, empty wallet', async () => {
    const empty = await gw.http().get('/v1/admin/partners').set(gw.admin);
    expect(empty.body).toEqual({ items: [], nextCursor: null });
    const res = await gw
      .http()
      .post('/v1/admin/partners')
      .set(gw.admin)
      .send({ name: '  Internal app ' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: 'Internal app',
      currency: 'USD',
      markupPercent: '0',
      requestsPerMinute: null,
      status: 'active',
      balance: '0',
      suspendedAt: null,
    });
    const got = await gw.http().get(`/v1/admin/partners/${res.body.id}`).set(gw.admin);
    expect(got.body).toEqual(res.body);
  });

  it('validates partner input and refuses a duplicate name with 409', async () => {
    const post = (body: object) => gw.http().post('/v1/admin/partners').set(gw.admin).send(body);
    expectProblem(await post({}), 400, 'validation_failed');
    expectProblem(await post({ name: 'x', currency: 'usd' }), 400, 'validation_failed');
    expectProblem(await post({ name: 'x', markupPercent: 12.5 }), 400, 'validation_failed');
    expectProblem(await post({ name: 'x', markupPercent: '-1' }), 400, 'validation_failed');
    expectProblem(await post({ name: 'x', requestsPerMinute: 0 }), 400, 'validation_failed');
    expectProblem(await post({ name: 'x', extra: true }), 400, 'validation_failed');
    await post({ name: 'Unique Co' }).expect(201);
    expectProblem(await post({ name: 'Unique Co' }), 409, 'partner_name_taken');
    expectProblem(await gw.http().get('/v1/admin/partners/424242').set(gw.admin), 404, 'not_found');
    for (const id of ['-1', '0x1', '1%20', '2147483648', '01']) {
      expectProblem(
        await gw.http().get(`/v1/admin/partners/${id}`).set(gw.admin),
        404,
        'not_found',
      );
    }
  });

  it('updates name, markup and limit; currency only while the ledger is empty', async () => {
    const partner = await createPartner(gw, { currency: 'EUR', markupPercent: '10' });
    const patch = (body: object) =>
      gw.http().patch(`/v1/admin/partners/${partner.id}`).set(gw.admin).send(body);
    const res = await patch({ markupPercent: '7.250', currency: 'GBP', requestsPerMinute: 30 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      markupPercent: '7.25',
      currency: 'GBP',
      requestsPerMinute: 30,
    });
    await gw
      .http()
      .post(`/v1/admin/partners/${partner.id}/ledger`)
      .set(gw.admin)
      .send({ amount: '1', reason: 'first money' })
      .expect(201);
    expectProblem(await patch({ currency: 'USD' }), 409, 'partner_currency_locked');
    expect((await patch({ currency: 'GBP' })).status).toBe(200);
    const balance = await gw
      .http()
      .get('/v1/balance')
      .set(bearer((await issueToken(gw, partner.id, ['balance:read'])).token));
    expect(balance.body).toEqual({ balance: '1', currency: 'GBP', lowBalanceThreshold: null });
  });

  it('lists partners newest first with a cursor and a status filter', async () => {
    const a = await createPartner(gw);
    const b = await createPartner(gw);
    await gw.http().post(`/v1/admin/partners/${a.id}/suspend`).set(gw.admin).expect(200);
    const page1 = await gw.http().get('/v1/admin/partners?limit=1').set(gw.admin);
    expect(page1.body.items.map((p: { id: number }) => p.id)).toEqual([b.id]);
    const page2 = await gw
      .http()
      .get(`/v1/admin/partners?limit=1&cursor=${page1.body.nextCursor}`)
      .set(gw.admin);
    expect(page2.body.items.map((p: { id: number }) => p.id)).toEqual([a.id]);
    const suspended = await gw.http().get('/v1/admin/partners?status=suspended').set(gw.admin);
    expect(suspended.body.items.map((p: { id: number }) => p.id)).toEqual([a.id]);
  });

  it('writes an audit entry for every admin action: who, what, when, target', async () => {
    const partner = await createPartner(gw, { name: 'Audited' });
    const pid = String(partner.id);
    await gw.http().patch(`/v1/admin/partners/${pid}`).set(gw.admin).send({ markupPercent: '3' });
    const token = await issueToken(gw, partner.id, ['balance:read']);
    await gw
      .http()
      .post(`/v1/admin/tokens/${token.id}/rotate`)
      .set(gw.admin)
      .send({ graceSeconds: 60 });
    await gw.http().delete(`/v1/admin/tokens/${token.id}`).set(gw.admin);
    await gw
      .http()
      .post(`/v1/admin/partners/${pid}/ledger`)
      .set(gw.admin)
      .send({ amount: '5', reason: 'prepaid' });
    await gw
      .http()
      .post(`/v1/admin/partners/${pid}/ledger`)
      .set(gw.admin)
      .send({ amount: '-2', reason: 'correction' });
    await gw.http().post(`/v1/admin/partners/${pid}/suspend`).set(gw.admin);
    await gw.http().post(`/v1/admin/partners/${pid}/reactivate`).set(gw.admin);

    const forPartner = await audit(`&targetType=partner&targetId=${pid}`);
    expect(forPartner.map((e) => e.action).reverse()).toEqual([
      'partner.create',
      'partner.update',
      'ledger.credit',
      'ledger.debit',
      'partner.suspend',
      'partner.reactivate',
    ]);
    const forToken = await audit(`&targetType=token&targetId=${token.id}`);
    expect(forToken.map((e) => e.action).reverse()).toEqual([
      'token.create',
      'token.rotate',
      'token.revoke',
    ]);
    for (const entry of [...forPartner, ...forToken]) {
      expect(entry.actor).toBe('admin-token (environment)');
      expect(entry.requestId).toBeTruthy();
      expect(Date.parse(entry.createdAt)).toBeGreaterThan(Date.now() - 60_000);
    }
    const update = forPartner.find((e) => e.action === 'partner.update')!;
    expect(update.details).toMatchObject({
      before: { markupPercent: '0' },
      after: { markupPercent: '3' },
    });
  });

  it('names an issued token as the actor when one acts, and filters by actor and action', async () => {
    const issued = await gw.app
      .get(TokensService)
      .issueOperatorToken({ name: 'ops-bot', scopes: ['admin'] }, { actor: 'cli' });
    const admin = { id: issued.row.id, token: issued.token };
    const res = await gw
      .http()
      .post('/v1/admin/partners')
      .set(bearer(admin.token))
      .send({ name: 'Made by a token' });
    expect(res.status).toBe(201);
    const entries = await audit(`&actor=${encodeURIComponent(`token ${admin.id} (ops-bot)`)}`);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ action: 'partner.create', targetId: String(res.body.id) });
    const creates = await audit('&action=partner.create');
    expect(creates.every((e) => e.action === 'partner.create')).toBe(true);
  });

  it('pages the audit log with a cursor, and only admins read it', async () => {
    const p1 = await gw.http().get('/v1/admin/audit?limit=2').set(gw.admin);
    const p2 = await gw
      .http()
      .get(`/v1/admin/audit?limit=2&cursor=${p1.body.nextCursor}`)
      .set(gw.admin);
    expect(p1.body.items).toHaveLength(2);
    expect(p2.body.items).toHaveLength(2);
    expect(p2.body.items[0].id).toBeLessThan(p1.body.items[1].id);
    const partner = await createPartner(gw);
    const reader = await issueToken(gw, partner.id, ['orders:read', 'balance:read']);
    expectProblem(
      await gw.http().get('/v1/admin/audit').set(bearer(reader.token)),
      403,
      'insufficient_scope',
    );
    expectProblem(await gw.http().get('/v1/admin/audit'), 401, 'unauthorized');
  });
});
