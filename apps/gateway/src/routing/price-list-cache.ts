import { Injectable } from '@nestjs/common';
import type { CatalogSnapshot } from './catalog-snapshot.js';

/** How long a cached price list is served without looking at the partner's terms again. */
export const PRICE_LIST_TTL_MS = 1000;
/** Price lists kept at most (partners × distinct filters); the cache starts over past it. */
const MAX_ENTRIES = 10_000;

interface Entry {
  readonly snapshot: CatalogSnapshot;
  readonly termsVersion: number;
  readonly at: number;
  readonly body: string;
}

/**
 * Serialized price lists (GET /v1/services), per partner and filter. An entry is served while
 * the routing snapshot is the one it was built from (a catalog, provider or currency-rate change
 * makes a new one), no partner's terms changed in this process, and it is younger than a second
 * (eligibility moves with time: an ejection ends; another process changed a markup).
 */
@Injectable()
export class PriceListCache {
  private readonly entries = new Map<string, Entry>();

  get(key: string, snapshot: CatalogSnapshot, termsVersion: number, now: number): string | null {
    const entry = this.entries.get(key);
    if (!entry) return null;
    if (
      entry.snapshot !== snapshot ||
      entry.termsVersion !== termsVersion ||
      now - entry.at >= PRICE_LIST_TTL_MS
    ) {
      this.entries.delete(key);
      return null;
    }
    return entry.body;
  }

  set(key: string, entry: Entry): void {
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    this.entries.set(key, entry);
  }
}
