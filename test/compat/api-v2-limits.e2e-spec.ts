import { classifyUpstreamError } from '#smm-protocol';
import type { TestGateway } from '../support/gateway.js';
import { createPartner, type TestPartner } from '../support/market.js';
import { rawCall, startListeningGateway, v2Client } from './support.js';

/**
 * The key is checked under the same limits as a bearer token: the token's requests per minute
 * (with the RateLimit headers) and the address's failed-authentication budget. Both answer the
 * protocol's rate-limit message, which clients read as "not processed, retry later or elsewhere".
 */

let gw: TestGateway;
let apiUrl: string;
let partner: TestPartner;

beforeAll(async () => {
  ({ gw, apiUrl } = await startListeningGateway({
    env: { RATE_LIMIT_PER_MINUTE: '4', AUTH_FAILURES_PER_MINUTE: '3' },
  }));
  partner = await createPartner(gw, { name: 'limited', credit: '10' });
});

afterAll(async () => {
  await gw?.close();
});

it("a key over its requests per minute: Too many requests, with the token's RateLimit headers", async () => {
  const balance = () =>
    fetch(apiUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ key: partner.token, action: 'balance' }).toString(),
    });
  // The fixture's REST calls did not use this token: four calls are allowed.
  for (let i = 0; i < 4; i++) {
    const res = await balance();
    expect(res.headers.get('ratelimit-limit')).toBe('4');
    expect(res.headers.get('ratelimit-remaining')).toBe(String(3 - i));
    expect(await res.json()).toMatchObject({ currency: 'USD' });
  }
  const refused = await balance();
  expect(refused.status).toBe(200);
  expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
  expect(refused.headers.get('ratelimit-remaining')).toBe('0');
  const { error } = (await refused.json()) as { error: string };
  expect(error).toMatch(/^Too many requests/);
  expect(classifyUpstreamError(error)).toBe('rate_limited');
  const outcome = await v2Client(apiUrl, partner.token).balance();
  expect(outcome).toMatchObject({ kind: 'rejected', reason: 'rate_limited', retryElsewhere: true });
});

it('an address that keeps sending bad keys is slowed down like one sending bad bearer tokens', async () => {
  for (let i = 0; i < 3; i++) {
    expect((await rawCall(apiUrl, { key: `bad-key-${i}`, action: 'balance' })).body).toEqual({
      error: 'Invalid API key',
    });
  }
  const slowed = await rawCall(apiUrl, { key: 'bad-key-3', action: 'balance' });
  expect((slowed.body as { error: string }).error).toMatch(/^Too many requests/);
  // The same budget as the REST guard: the bearer route is slowed down too.
  const rest = await gw.http().get('/v1/balance').set({ Authorization: 'Bearer nope' });
  expect(rest.status).toBe(429);
  expect(gw.logs.join('\n')).not.toContain(partner.token);
});
