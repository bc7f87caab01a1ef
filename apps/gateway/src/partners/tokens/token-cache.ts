import type { Scope } from '../../auth/scopes.js';

/** What the guard needs to know about a token, as loaded from the database. */
export interface TokenRecord {
  readonly tokenId: number;
  readonly partnerId: number | null;
  readonly name: string | null;
  readonly scopes: readonly Scope[];
  /** Epoch ms; null when the token never expires. */
  readonly expiresAt: number | null;
  readonly revoked: boolean;
  /** False when the token's partner is suspended. */
  readonly partnerActive: boolean;
  /** The partner's requests-per-minute override, when it has one. */
  readonly requestsPerMinute: number | null;
  /** Epoch ms of the last lastUsedAt this process wrote (or read); mutable on purpose. */
  lastUsedAt: number | null;
}

/** An entry unused this long is dropped (expiry by last use, not load time). */
export const TOKEN_CACHE_TTL_MS = 30_000;
/**
 * However busy, an entry is reloaded after this long: a bound on staleness should a change
 * notification from another process ever be lost (they normally arrive within 2 s, see
 * TokenInvalidations).
 */
export const TOKEN_CACHE_MAX_AGE_MS = 600_000;
const MAX_ENTRIES = 10_000;

interface Slot {
  record: TokenRecord;
  loadedAt: number;
  usedAt: number;
}

/**
 * A bounded, in-process cache of token records by hash, so authenticating a request costs no
 * database round trip. Entries expire when unused for TOKEN_CACHE_TTL_MS (a token in steady use
 * stays cached) and in any case after TOKEN_CACHE_MAX_AGE_MS. Revocation, rotation and partner
 * changes invalidate it here at once, and in other processes through TokenInvalidations.
 */
export class TokenCache {
  private readonly slots = new Map<string, Slot>();
  private generationCounter = 0;

  constructor(
    private readonly now: () => number = Date.now,
    private readonly ttlMs = TOKEN_CACHE_TTL_MS,
  ) {}

  /** Bumped by every invalidation: a load that started before one must not be cached. */
  get generation(): number {
    return this.generationCounter;
  }

  get(hash: string): TokenRecord | undefined {
    const slot = this.slots.get(hash);
    if (!slot) return undefined;
    const now = this.now();
    if (this.expired(slot, now)) {
      this.slots.delete(hash);
      return undefined;
    }
    slot.usedAt = now;
    return slot.record;
  }

  /** Caches a record loaded while `generation` was current; dropped if an invalidation happened since. */
  set(hash: string, record: TokenRecord, generation: number): void {
    if (generation !== this.generationCounter) return;
    if (this.slots.size >= MAX_ENTRIES) this.evict();
    const now = this.now();
    this.slots.set(hash, { record, loadedAt: now, usedAt: now });
  }

  invalidateToken(tokenId: number): void {
    this.invalidateWhere((record) => record.tokenId === tokenId);
  }

  invalidatePartner(partnerId: number): void {
    this.invalidateWhere((record) => record.partnerId === partnerId);
  }

  /** Drops everything (e.g. after missing change notifications from other processes). */
  clear(): void {
    this.generationCounter++;
    this.slots.clear();
  }

  get size(): number {
    return this.slots.size;
  }

  private invalidateWhere(match: (record: TokenRecord) => boolean): void {
    this.generationCounter++;
    for (const [hash, slot] of this.slots) if (match(slot.record)) this.slots.delete(hash);
  }

  /** Drops expired slots, then the oldest ones, to stay under the bound. */
  private evict(): void {
    const now = this.now();
    for (const [hash, slot] of this.slots) {
      if (this.expired(slot, now)) this.slots.delete(hash);
    }
    for (const hash of this.slots.keys()) {
      if (this.slots.size < MAX_ENTRIES) break;
      this.slots.delete(hash);
    }
  }

  private expired(slot: Slot, now: number): boolean {
    return now - slot.usedAt >= this.ttlMs || now - slot.loadedAt >= TOKEN_CACHE_MAX_AGE_MS;
  }
}
