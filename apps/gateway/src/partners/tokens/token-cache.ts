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

/** How long another process may keep serving a token it has cached after a revocation. */
export const TOKEN_CACHE_TTL_MS = 30_000;
const MAX_ENTRIES = 10_000;

interface Slot {
  record: TokenRecord;
  loadedAt: number;
}

/**
 * A short-lived, bounded, in-process cache of token records by hash, so authenticating a request
 * costs no database round trip. Revocation, rotation and partner changes invalidate it here at
 * once; other processes see them when their entry expires (TOKEN_CACHE_TTL_MS).
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
    if (this.now() - slot.loadedAt >= this.ttlMs) {
      this.slots.delete(hash);
      return undefined;
    }
    return slot.record;
  }

  /** Caches a record loaded while `generation` was current; dropped if an invalidation happened since. */
  set(hash: string, record: TokenRecord, generation: number): void {
    if (generation !== this.generationCounter) return;
    if (this.slots.size >= MAX_ENTRIES) this.evict();
    this.slots.set(hash, { record, loadedAt: this.now() });
  }

  invalidateToken(tokenId: number): void {
    this.invalidateWhere((record) => record.tokenId === tokenId);
  }

  invalidatePartner(partnerId: number): void {
    this.invalidateWhere((record) => record.partnerId === partnerId);
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
      if (now - slot.loadedAt >= this.ttlMs) this.slots.delete(hash);
    }
    for (const hash of this.slots.keys()) {
      if (this.slots.size < MAX_ENTRIES) break;
      this.slots.delete(hash);
    }
  }
}
