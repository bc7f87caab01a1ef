import { createHash } from 'node:crypto';

/** An unmapped, available offer considered for suggestions. */
export interface CandidateOffer {
  readonly offerId: number;
  readonly providerId: number;
  readonly upstreamServiceId: string;
  readonly name: string;
  readonly type: string;
  readonly category: string | null;
  readonly rate: string;
  readonly currency: string;
  readonly refill: boolean;
  readonly cancel: boolean;
  readonly dripfeed: boolean;
}

export interface SuggestionGroup {
  /** Stable while the same offers are unmapped: a hash of their ids. */
  readonly key: string;
  /** 0.5 for the same type and normalized name; +0.25 same category; +0.25 same flags. */
  readonly score: number;
  readonly reasons: readonly string[];
  readonly type: string;
  readonly suggestedName: string;
  readonly suggestedCategory: string;
  readonly refill: boolean;
  readonly cancel: boolean;
  readonly dripfeed: boolean;
  readonly offers: readonly CandidateOffer[];
}

/**
 * A name reduced to what identifies the service: lower case, no upstream ids (`#123`), no
 * punctuation, words sorted, so "Instagram Followers [HQ] #12" and "HQ followers - Instagram"
 * agree.
 */
export function normalizeName(name: string): string {
  const words = name
    .toLowerCase()
    .replace(/#\d+/g, ' ')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  return [...new Set(words)].sort().join(' ');
}

export const normalizeCategory = (category: string | null): string =>
  (category ?? '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .join(' ');

const flagsOf = (o: CandidateOffer): string =>
  (['refill', 'cancel', 'dripfeed'] as const).filter((f) => o[f]).join(', ') || 'none';

/**
 * Groups offers that look like the same service across at least two providers. Pure; the
 * groups come best first (score, then size, then key).
 */
export function groupSuggestions(offers: readonly CandidateOffer[]): SuggestionGroup[] {
  const groups = new Map<string, CandidateOffer[]>();
  for (const offer of offers) {
    const name = normalizeName(offer.name);
    if (!name) continue;
    const key = `${offer.type}\u0000${name}`;
    const list = groups.get(key) ?? [];
    list.push(offer);
    groups.set(key, list);
  }
  const out: SuggestionGroup[] = [];
  for (const members of groups.values()) {
    if (new Set(members.map((m) => m.providerId)).size < 2) continue;
    members.sort((a, b) => a.providerId - b.providerId || a.offerId - b.offerId);
    const first = members[0]!;
    const reasons = [
      `same type: ${first.type}`,
      `same normalized name: "${normalizeName(first.name)}"`,
    ];
    let score = 0.5;
    const categories = new Set(members.map((m) => normalizeCategory(m.category)));
    if (categories.size === 1) {
      score += 0.25;
      reasons.push(`same category: "${[...categories][0]}"`);
    } else reasons.push(`categories differ (${categories.size})`);
    const flags = new Set(members.map(flagsOf));
    if (flags.size === 1) {
      score += 0.25;
      reasons.push(`same flags: ${[...flags][0]}`);
    } else reasons.push(`flags differ: ${[...flags].join(' / ')}`);
    out.push({
      key: createHash('sha256')
        .update(members.map((m) => m.offerId).join(','))
        .digest('hex')
        .slice(0, 16),
      score,
      reasons,
      type: first.type,
      suggestedName: first.name.replace(/#\d+/g, '').replace(/\s+/g, ' ').trim().slice(0, 200),
      suggestedCategory: (first.category ?? 'Uncategorized').slice(0, 200),
      refill: members.every((m) => m.refill),
      cancel: members.every((m) => m.cancel),
      dripfeed: members.every((m) => m.dripfeed),
      offers: members,
    });
  }
  return out.sort(
    (a, b) => b.score - a.score || b.offers.length - a.offers.length || a.key.localeCompare(b.key),
  );
}
