import { getRepositoryToken } from '@nestjs/typeorm';
import { DataSource, type Repository } from 'typeorm';
import { vi } from 'vitest';
import { ApiTokenEntity } from '../../apps/gateway/src/partners/tokens/api-token.entity.js';
import { checksumOf, hashToken } from '../../apps/gateway/src/partners/tokens/token-format.js';
import { TokensService } from '../../apps/gateway/src/partners/tokens/tokens.service.js';
import { startGateway, type TestGateway } from '../support/gateway.js';
import { expectProblem } from '../support/problem.js';
import { bearer, createPartner, issueToken, sleep } from './support.js';

describe('issued tokens', () => {
  let gw: TestGateway;
  let partnerId: number;
  let tokenRepo: Repository<ApiTokenEntity>;
  const issued: string[] = [];

  const issue = async (scopes: string[], extra: Record<string, unknown> = {}) => {
    const body = await issueToken(gw, partnerId, scopes, extra);
    issued.push(body.token);
    return body;
  };
  const me = (token: string) => gw.http().get('/v1/me').set(bearer(token));

  beforeAll(async () => {
    gw = await startGateway();
    partnerId = (await createPartner(gw, { name: 'Token Partner' })).id;
    tokenRepo = gw.app.get<Repository<ApiTokenEntity>>(getRepositoryToken(ApiTokenEntity));
  });
  afterAll(() => gw.close());

  it('shows the token once, in the <prefix>_<random>_<checksum> format, with no-store', async () => {
    const res = await gw
      .http()
      .post(`/v1/admin/partners/${partnerId}/tokens`)
      .set(gw.admin)
      .send({ scopes: ['orders:read', 'balance:read'], name: 'shop backend' });
    expect(res.status).toBe(201);
    expect(res.headers['cache-control']).toBe('no-store');
    issued.push(res.body.token);
    expect(res.body.token).toMatch(/^smmgw_[0-9A-Za-z]{40}_[0-9A-Za-z]{6}$/);
    expect(res.body).toMatchObject({
      partnerId,
      name: 'shop backend',
      scopes: ['orders:read', 'balance:read'],
      status: 'active',
      last4: res.body.token.slice(-4),
      masked: `smmgw_…${res.body.token.slice(-4)}`,
    });

    const who = await me(res.body.token);
    expect(who.status).toBe(200);
    expect(who.body).toEqual({
      kind: 'token',
      partnerId,
      tokenId: res.body.id,
      scopes: ['orders:read', 'balance:read'],
    });
  });

  it('stores only the HMAC-SHA256 of the token under TOKEN_SECRET', async () => {
    const { id, token } = await issue(['balance:read']);
    const rows: Record<string, unknown>[] = await gw.app
      .get(DataSource)
      .query(`SELECT * FROM api_tokens WHERE id = ${id}`);
    expect(rows[0]!.token_hash).toBe(hashToken(token, gw.config.secrets.tokenSecret));
    expect(JSON.stringify(rows)).not.toContain(token.slice(6, 46));
  });

  it('lists tokens masked: prefix and last four, name, scopes, dates, never the token', async () => {
    const { token } = await issue(['services:read'], { name: 'listed' });
    const res = await gw.http().get(`/v1/admin/partners/${partnerId}/tokens`).set(gw.admin);
    expect(res.status).toBe(200);
    const listed = (res.body as Record<string, unknown>[]).find((t) => t.name === 'listed')!;
    expect(listed).toMatchObject({ prefix: 'smmgw', last4: token.slice(-4), lastUsedAt: null });
    expect(Object.keys(listed)).toEqual(
      expect.arrayContaining(['createdAt', 'lastUsedAt', 'expiresAt', 'scopes', 'name']),
    );
    expect(listed).not.toHaveProperty('token');
    for (const t of issued) expect(res.text).not.toContain(t);
  });

  it('refuses a mistyped token by its checksum without reading the database', async () => {
    const { token } = await issue(['balance:read']);
    const position = 20;
    const typo =
      token.slice(0, position) + (token[position] === 'x' ? 'y' : 'x') + token.slice(position + 1);
    const findOneBy = vi.spyOn(tokenRepo, 'findOneBy');
    try {
      expectProblem(await me(typo), 401, 'unauthorized');
      expect(findOneBy).not.toHaveBeenCalled();
      // A well-formed but unknown token does cost exactly one read.
      expectProblem(
        await me(`smmgw_${'A'.repeat(40)}_${checksumOf(`smmgw_${'A'.repeat(40)}`)}`),
        401,
        'unauthorized',
      );
      expect(findOneBy).toHaveBeenCalledTimes(1);
    } finally {
      findOneBy.mockRestore();
    }
  });

  it('serves repeated requests from the cache, without a database read each time', async () => {
    const { token } = await issue(['balance:read']);
    expect((await me(token)).status).toBe(200);
    const findOneBy = vi.spyOn(tokenRepo, 'findOneBy');
    try {
      for (let i = 0; i < 5; i++) expect((await me(token)).status).toBe(200);
      expect(findOneBy).not.toHaveBeenCalled();
    } finally {
      findOneBy.mockRestore();
    }
  });

  it('records lastUsedAt, written at most once a minute', async () => {
    const { id, token } = await issue(['balance:read']);
    expect((await tokenRepo.findOneByOrFail({ id })).lastUsedAt).toBeNull();
    await me(token);
    const first = (await tokenRepo.findOneByOrFail({ id })).lastUsedAt;
    expect(first).toBeInstanceOf(Date);
    await sleep(20);
    await me(token);
    await me(token);
    expect((await tokenRepo.findOneByOrFail({ id })).lastUsedAt!.getTime()).toBe(first!.getTime());
  });

  it('stops accepting a token at its expiry', async () => {
    const { token } = await issue(['balance:read'], {
      expiresAt: new Date(Date.now() + 1500).toISOString(),
    });
    expect((await me(token)).status).toBe(200);
    await sleep(1600);
    expectProblem(await me(token), 401, 'unauthorized');
    const listed = await gw.http().get(`/v1/admin/partners/${partnerId}/tokens`).set(gw.admin);
    expect(listed.body.find((t: { last4: string }) => t.last4 === token.slice(-4)).status).toBe(
      'expired',
    );
  });

  it('refuses an expiry in the past', async () => {
    const res = await gw
      .http()
      .post(`/v1/admin/partners/${partnerId}/tokens`)
      .set(gw.admin)
      .send({ scopes: ['balance:read'], expiresAt: '2020-01-01T00:00:00Z' });
    expectProblem(res, 400, 'validation_failed');
  });

  it('refuses operator scopes on a partner token, issuing nothing', async () => {
    const before = await gw.http().get(`/v1/admin/partners/${partnerId}/tokens`).set(gw.admin);
    for (const scopes of [['admin'], ['orders:read', 'metrics:read']]) {
      const res = await gw
        .http()
        .post(`/v1/admin/partners/${partnerId}/tokens`)
        .set(gw.admin)
        .send({ scopes });
      expectProblem(res, 400, 'validation_failed');
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'scopes' })]);
    }
    const after = await gw.http().get(`/v1/admin/partners/${partnerId}/tokens`).set(gw.admin);
    expect(after.body).toEqual(before.body);
  });

  it('revokes a token: refused at once on this process, even though it was cached', async () => {
    const { id, token } = await issue(['balance:read']);
    expect((await me(token)).status).toBe(200); // now cached
    const res = await gw.http().delete(`/v1/admin/tokens/${id}`).set(gw.admin);
    expect(res.status).toBe(204);
    expectProblem(await me(token), 401, 'unauthorized');
    expect((await gw.http().delete(`/v1/admin/tokens/${id}`).set(gw.admin)).status).toBe(204);
    expectProblem(
      await gw.http().delete('/v1/admin/tokens/999999').set(gw.admin),
      404,
      'not_found',
    );
  });

  it('rotates: the successor works at once, the old token only during the grace period', async () => {
    const old = await issue(['orders:read'], { name: 'rotating' });
    expect((await me(old.token)).status).toBe(200);
    const res = await gw
      .http()
      .post(`/v1/admin/tokens/${old.id}/rotate`)
      .set(gw.admin)
      .send({ graceSeconds: 1 });
    expect(res.status, res.text).toBe(201);
    issued.push(res.body.token);
    expect(res.body).toMatchObject({
      rotatedFromId: old.id,
      scopes: ['orders:read'],
      name: 'rotating',
    });
    expect(res.body.token).not.toBe(old.token);
    expect((await me(res.body.token)).body.tokenId).toBe(res.body.id);
    expect((await me(old.token)).status).toBe(200);
    await sleep(1200);
    expectProblem(await me(old.token), 401, 'unauthorized');
    expect((await me(res.body.token)).status).toBe(200);

    const again = await gw
      .http()
      .post(`/v1/admin/tokens/${old.id}/rotate`)
      .set(gw.admin)
      .send({ graceSeconds: 0 });
    expectProblem(again, 409, 'token_not_active');
  });

  it('rotation with no grace ends the old token immediately', async () => {
    const old = await issue(['orders:read']);
    expect((await me(old.token)).status).toBe(200);
    const res = await gw
      .http()
      .post(`/v1/admin/tokens/${old.id}/rotate`)
      .set(gw.admin)
      .send({ graceSeconds: 0 });
    issued.push(res.body.token);
    expectProblem(await me(old.token), 401, 'unauthorized');
  });

  it('answers 403 naming the missing scope', async () => {
    const { token } = await issue(['orders:read']);
    const res = await gw.http().get('/v1/balance').set(bearer(token));
    const body = expectProblem(res, 403, 'insufficient_scope');
    expect(body.detail).toContain('balance:read');
    expect(body.requiredScopes).toEqual(['balance:read']);
    const admin = await gw.http().get('/v1/admin/partners').set(bearer(token));
    expect(expectProblem(admin, 403, 'insufficient_scope').detail).toContain('admin');
  });

  it('grants every /v1/admin route to an operator token with the admin scope', async () => {
    const { token } = await gw.app
      .get(TokensService)
      .issueOperatorToken({ name: 'ops', scopes: ['admin'] }, { actor: 'cli' });
    expect((await gw.http().get('/v1/admin/partners').set(bearer(token))).status).toBe(200);
    expect((await gw.http().get('/v1/admin/audit').set(bearer(token))).status).toBe(200);
  });

  it('stops every token of a suspended partner at once, and restores them on reactivation', async () => {
    const other = await createPartner(gw);
    const { token, id } = await issueToken(gw, other.id, ['balance:read']);
    issued.push(token);
    expect((await me(token)).status).toBe(200); // cached
    const res = await gw.http().post(`/v1/admin/partners/${other.id}/suspend`).set(gw.admin);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('suspended');
    expectProblem(await me(token), 401, 'unauthorized');
    expectProblem(
      await gw
        .http()
        .post(`/v1/admin/partners/${other.id}/tokens`)
        .set(gw.admin)
        .send({ scopes: ['balance:read'] }),
      409,
      'partner_suspended',
    );
    expectProblem(
      await gw.http().post(`/v1/admin/tokens/${id}/rotate`).set(gw.admin).send({ graceSeconds: 0 }),
      409,
      'partner_suspended',
    );
    await gw.http().post(`/v1/admin/partners/${other.id}/reactivate`).set(gw.admin).expect(200);
    expect((await me(token)).status).toBe(200);
  });

  it('validates token requests: unknown scopes, empty scopes, unknown partner, bad ids', async () => {
    const post = (id: number | string, body: object) =>
      gw.http().post(`/v1/admin/partners/${id}/tokens`).set(gw.admin).send(body);
    expectProblem(await post(partnerId, { scopes: ['root'] }), 400, 'validation_failed');
    expectProblem(await post(partnerId, { scopes: [] }), 400, 'validation_failed');
    expectProblem(await post(partnerId, {}), 400, 'validation_failed');
    expectProblem(await post(999_999, { scopes: ['balance:read'] }), 404, 'not_found');
    expectProblem(await post('abc', { scopes: ['balance:read'] }), 404, 'not_found');
    expectProblem(
      await gw.http().post('/v1/admin/tokens/1/rotate').set(gw.admin).send({ graceSeconds: -1 }),
      400,
      'validation_failed',
    );
  });

  it('never shows a token again after issuance, and never logs one', async () => {
    const listing = await gw.http().get(`/v1/admin/partners/${partnerId}/tokens`).set(gw.admin);
    const audit = await gw.http().get('/v1/admin/audit?limit=200').set(gw.admin);
    expect(issued.length).toBeGreaterThan(10);
    const logs = gw.logs.join('\n');
    for (const token of issued) {
      expect(listing.text).not.toContain(token);
      expect(audit.text).not.toContain(token);
      expect(logs).not.toContain(token);
      expect(logs).not.toContain(token.slice(6, 46));
    }
    expect(logs).not.toContain(gw.config.secrets.tokenSecret.toString('hex'));
    expect(logs).not.toContain(gw.config.secrets.tokenSecret.toString('base64'));
  });
});
