import { getRepositoryToken } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { vi } from 'vitest';
import { ApiTokenEntity } from '../../apps/gateway/src/partners/tokens/api-token.entity.js';
import { startGateway, type TestGateway } from '../support/gateway.js';
import { expectProblem } from '../support/problem.js';
import { bearer, createPartner, issueToken } from './support.js';

describe('per-token rate limits', () => {
  let gw: TestGateway;

  beforeAll(async () => {
    gw = await startGateway({ env: { RATE_LIMIT_PER_MINUTE: '5' } });
  });
  afterAll(() => gw.close());

  it('sends RateLimit-* headers on every response of an issued token, error responses included', async () => {
    const partner = await createPartner(gw);
    const { token } = await issueToken(gw, partner.id, ['orders:read']);
    const ok = await gw.http().get('/v1/me').set(bearer(token));
    expect(ok.status).toBe(200);
    expect(ok.headers).toMatchObject({
      'ratelimit-limit': '5',
      'ratelimit-remaining': '4',
      'ratelimit-policy': '5;w=60',
    });
    expect(Number(ok.headers['ratelimit-reset'])).toBeGreaterThan(0);
    expect(Number(ok.headers['ratelimit-reset'])).toBeLessThanOrEqual(60);
    const forbidden = await gw.http().get('/v1/balance').set(bearer(token));
    expectProblem(forbidden, 403, 'insufficient_scope');
    expect(forbidden.headers['ratelimit-remaining']).toBe('3');
  });

  it("applies the partner's override and answers 429 with Retry-After once it is used up", async () => {
    const partner = await createPartner(gw, { requestsPerMinute: 3 });
    const { token } = await issueToken(gw, partner.id, ['orders:read']);
    const remaining: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await gw.http().get('/v1/me').set(bearer(token));
      expect(res.status).toBe(200);
      expect(res.headers['ratelimit-limit']).toBe('3');
      remaining.push(res.headers['ratelimit-remaining']!);
    }
    expect(remaining).toEqual(['2', '1', '0']);
    const limited = await gw.http().get('/v1/me').set(bearer(token));
    const body = expectProblem(limited, 429, 'rate_limited');
    const retryAfter = Number(limited.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(limited.headers['ratelimit-remaining']).toBe('0');
    expect(body.limit).toBe(3);

    // Another token of the same partner has its own budget.
    const second = await issueToken(gw, partner.id, ['orders:read']);
    expect((await gw.http().get('/v1/me').set(bearer(second.token))).status).toBe(200);
  });

  it('applies a changed override at once, and the default again when it is cleared', async () => {
    const partner = await createPartner(gw, { requestsPerMinute: 2 });
    const { token } = await issueToken(gw, partner.id, ['orders:read']);
    expect((await gw.http().get('/v1/me').set(bearer(token))).headers['ratelimit-limit']).toBe('2');
    await gw
      .http()
      .patch(`/v1/admin/partners/${partner.id}`)
      .set(gw.admin)
      .send({ requestsPerMinute: null })
      .expect(200);
    expect((await gw.http().get('/v1/me').set(bearer(token))).headers['ratelimit-limit']).toBe('5');
  });

  it('does not limit the bootstrap ADMIN_TOKEN', async () => {
    for (let i = 0; i < 8; i++) {
      const res = await gw.http().get('/v1/me').set(gw.admin);
      expect(res.status).toBe(200);
      expect(res.headers['ratelimit-limit']).toBeUndefined();
    }
  });
});

describe('failed authentications from one address', () => {
  let gw: TestGateway;

  beforeAll(async () => {
    gw = await startGateway({ env: { AUTH_FAILURES_PER_MINUTE: '3' } });
  });
  afterAll(() => gw.close());

  it('are slowed down: past the budget, failures get 429 with Retry-After; valid tokens are served', async () => {
    const partner = await createPartner(gw);
    const known = await issueToken(gw, partner.id, ['orders:read']);
    const unseen = await issueToken(gw, partner.id, ['orders:read']);
    expect((await gw.http().get('/v1/me').set(bearer(known.token))).status).toBe(200);

    for (let i = 0; i < 3; i++) {
      expectProblem(
        await gw.http().get('/v1/me').set('Authorization', 'Bearer wrong-token'),
        401,
        'unauthorized',
      );
    }
    const blocked = await gw.http().get('/v1/me').set('Authorization', 'Bearer wrong-token');
    expectProblem(blocked, 429, 'auth_failures_limited');
    const retryAfter = Number(blocked.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expectProblem(await gw.http().get('/v1/me'), 429, 'auth_failures_limited');

    // A token with a bad checksum never reaches the database...
    const repo = gw.app.get<Repository<ApiTokenEntity>>(getRepositoryToken(ApiTokenEntity));
    const findOneBy = vi.spyOn(repo, 'findOneBy');
    try {
      const typo = `${unseen.token.slice(0, -1)}${unseen.token.endsWith('A') ? 'B' : 'A'}`;
      expectProblem(await gw.http().get('/v1/me').set(bearer(typo)), 429, 'auth_failures_limited');
      expect(findOneBy).not.toHaveBeenCalled();
    } finally {
      findOneBy.mockRestore();
    }
    // ...and the slow-down throttles failures only: a valid token this process has never seen
    // is served from the same address (a guesser behind the same NAT locks nobody out)...
    expect((await gw.http().get('/v1/me').set(bearer(unseen.token))).status).toBe(200);
    // ...as are tokens known from memory (ADMIN_TOKEN, recently used tokens).
    expect((await gw.http().get('/v1/me').set(gw.admin)).status).toBe(200);
    expect((await gw.http().get('/v1/me').set(bearer(known.token))).status).toBe(200);
    expect((await gw.http().get('/health/live')).status).toBe(200);
  });
});
