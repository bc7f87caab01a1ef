import type { AppConfig } from '../../config/app-config.js';
import type { Transactions } from '../../database/transactions.js';
import type { PartnerEntity } from '../partner.entity.js';
import type { ApiTokenEntity } from './api-token.entity.js';
import { IssuedTokenAuthenticator } from './issued-token-authenticator.js';
import { TokenCache } from './token-cache.js';
import { generateToken, hashToken } from './token-format.js';
import type { TokensRepository } from './tokens.repository.js';

const secret = Buffer.alloc(32, 3);

function setup(row: Partial<ApiTokenEntity>, partner: Partial<PartnerEntity> | null = null) {
  const token = generateToken();
  const reads: string[] = [];
  const writes: number[] = [];
  const stored = {
    id: 7,
    partnerId: partner?.id ?? null,
    name: 'bot',
    scopes: ['balance:read'],
    tokenHash: hashToken(token, secret),
    expiresAt: null,
    revokedAt: null,
    lastUsedAt: null,
    ...row,
  } as ApiTokenEntity;
  const tokens = {
    byHash: async (tokenHash: string) => {
      reads.push('token');
      return tokenHash === stored.tokenHash ? stored : null;
    },
    partner: async () => {
      reads.push('partner');
      return partner;
    },
    touch: async (_m: unknown, id: number) => void writes.push(id),
  } as unknown as TokensRepository;
  const transactions = {
    run: async (work: (m: unknown) => Promise<unknown>) => work({}),
  } as unknown as Transactions;
  const cache = new TokenCache();
  const auth = new IssuedTokenAuthenticator(
    { secrets: { tokenSecret: secret } } as AppConfig,
    cache,
    transactions,
    tokens,
  );
  return { auth, token, reads, writes, cache };
}

describe('IssuedTokenAuthenticator', () => {
  it('refuses a token with a bad checksum before any database read', async () => {
    const { auth, token, reads } = setup({});
    const typo = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
    expect(await auth.authenticate(typo)).toBeNull();
    expect(await auth.authenticate('not-even-close')).toBeNull();
    expect(reads).toEqual([]);
  });

  it('resolves a valid token to its principal once, then from the cache', async () => {
    const { auth, token, reads } = setup({}, { id: 4, status: 'active', requestsPerMinute: 3 });
    const principal = await auth.authenticate(token);
    expect(principal).toMatchObject({
      kind: 'token',
      partnerId: 4,
      tokenId: 7,
      actor: 'token 7 (bot)',
    });
    expect(principal?.requestsPerMinute).toBe(3);
    expect([...principal!.scopes]).toEqual(['balance:read']);
    await auth.authenticate(token);
    expect(reads).toEqual(['token', 'partner']);
  });

  it('refuses expired and revoked tokens, and tokens of suspended partners', async () => {
    const expired = setup({ expiresAt: new Date(Date.now() - 1) });
    expect(await expired.auth.authenticate(expired.token)).toBeNull();
    const revoked = setup({ revokedAt: new Date() });
    expect(await revoked.auth.authenticate(revoked.token)).toBeNull();
    const suspended = setup({}, { id: 4, status: 'suspended', requestsPerMinute: null });
    expect(await suspended.auth.authenticate(suspended.token)).toBeNull();
  });

  it('writes lastUsedAt on first use and not again within the minute', async () => {
    const { auth, token, writes } = setup({});
    await auth.authenticate(token);
    await auth.authenticate(token);
    await auth.authenticate(token);
    expect(writes).toEqual([7]);
  });
});
