import { Injectable, Logger } from '@nestjs/common';
import { IssuedTokens, type AuthenticateOptions } from '../../auth/issued-tokens.js';
import type { Principal } from '../../auth/scopes.js';
import { AppConfig } from '../../config/app-config.js';
import { Transactions } from '../../database/transactions.js';
import { TokenCache, type TokenRecord } from './token-cache.js';
import { hashToken, isWellFormedToken } from './token-format.js';
import { TokensRepository } from './tokens.repository.js';

/** lastUsedAt is written at most this often per token and process. */
export const LAST_USED_WRITE_INTERVAL_MS = 60_000;
/** Bound on the memo of token → HMAC (a pure function of the two, so it is never stale). */
const MAX_HASHES = 10_000;

/**
 * Resolves issued tokens for the guard: the checksum first (a mistyped token never reaches the
 * database), then the in-process cache, then one indexed read by HMAC (skipped for addresses
 * that keep failing: `cachedOnly`).
 */
@Injectable()
export class IssuedTokenAuthenticator extends IssuedTokens {
  private readonly logger = new Logger(IssuedTokenAuthenticator.name);
  private readonly secret: Buffer;
  /** HMACs of recently presented well-formed tokens: a polling partner costs no HMAC per request. */
  private readonly hashes = new Map<string, string>();
  /** One principal per cached record (records are replaced, never changed, when a token changes). */
  private readonly principals = new WeakMap<TokenRecord, Principal>();

  constructor(
    config: AppConfig,
    private readonly cache: TokenCache,
    private readonly transactions: Transactions,
    private readonly tokens: TokensRepository,
  ) {
    super();
    this.secret = config.secrets.tokenSecret;
  }

  async authenticate(token: string, options: AuthenticateOptions = {}): Promise<Principal | null> {
    const hash = this.hashOf(token);
    if (hash === null) return null;
    const record = this.cache.get(hash) ?? (options.cachedOnly ? undefined : await this.load(hash));
    if (!record) return null;
    const now = Date.now();
    if (record.revoked || !record.partnerActive) return null;
    if (record.expiresAt !== null && record.expiresAt <= now) return null;
    if (record.lastUsedAt === null || now - record.lastUsedAt >= LAST_USED_WRITE_INTERVAL_MS) {
      await this.touch(record, now);
    }
    let principal = this.principals.get(record);
    if (!principal) this.principals.set(record, (principal = principalOf(record)));
    return principal;
  }

  /** The stored form of a well-formed token (null for any other text), memoized. */
  private hashOf(token: string): string | null {
    const known = this.hashes.get(token);
    if (known !== undefined) return known;
    if (!isWellFormedToken(token)) return null;
    const hash = hashToken(token, this.secret);
    if (this.hashes.size >= MAX_HASHES) this.hashes.clear();
    this.hashes.set(token, hash);
    return hash;
  }

  private async load(hash: string): Promise<TokenRecord | undefined> {
    const generation = this.cache.generation;
    const row = await this.tokens.byHash(hash);
    if (!row) return undefined;
    const partner =
      row.partnerId === null ? null : await this.tokens.partner(undefined, row.partnerId);
    const record: TokenRecord = {
      tokenId: row.id,
      partnerId: row.partnerId,
      name: row.name,
      scopes: row.scopes,
      expiresAt: row.expiresAt?.getTime() ?? null,
      revoked: row.revokedAt !== null,
      partnerActive: row.partnerId === null || partner?.status === 'active',
      requestsPerMinute: partner?.requestsPerMinute ?? null,
      lastUsedAt: row.lastUsedAt?.getTime() ?? null,
    };
    this.cache.set(hash, record, generation);
    return record;
  }

  /** Records use (called at most once a minute: a busy token costs one write a minute, not one a request). */
  private async touch(record: TokenRecord, now: number): Promise<void> {
    record.lastUsedAt = now;
    try {
      await this.transactions.run((m) => this.tokens.touch(m, record.tokenId, new Date(now)));
    } catch (error) {
      // Losing a lastUsedAt is harmless; failing the request for it would not be.
      this.logger.warn({ tokenId: record.tokenId, err: error }, 'Could not record token use');
    }
  }
}

export function principalOf(record: TokenRecord): Principal {
  return {
    kind: 'token',
    partnerId: record.partnerId,
    tokenId: record.tokenId,
    scopes: new Set(record.scopes),
    actor: actorName(record.tokenId, record.name),
    ...(record.requestsPerMinute !== null ? { requestsPerMinute: record.requestsPerMinute } : {}),
  };
}

/** How a token appears in audit entries: its id and name, never the token. */
export const actorName = (tokenId: number, name: string | null): string =>
  name ? `token ${tokenId} (${name})` : `token ${tokenId}`;
