import { groupSuggestions, normalizeName, type CandidateOffer } from './suggestion-grouping.js';

let id = 0;
const offer = (
  providerId: number,
  name: string,
  over: Partial<CandidateOffer> = {},
): CandidateOffer => ({
  offerId: ++id,
  providerId,
  upstreamServiceId: String(id),
  name,
  type: 'Default',
  category: 'Instagram Followers',
  rate: '1',
  currency: 'USD',
  refill: true,
  cancel: false,
  dripfeed: false,
  ...over,
});

describe('catalog suggestions group equivalent unmapped offers across providers', () => {
  it('normalizes names: case, punctuation, upstream ids and word order do not matter', () => {
    expect(normalizeName('Instagram Followers [HQ] #12')).toBe('followers hq instagram');
    expect(normalizeName('HQ followers - Instagram')).toBe('followers hq instagram');
  });

  it('scores a group by category and flags, with a reason for each', () => {
    const groups = groupSuggestions([
      offer(1, 'Instagram Followers [HQ] #1'),
      offer(2, 'instagram followers HQ #77', { category: 'instagram - followers' }),
      offer(3, 'TikTok Likes', { category: 'TikTok' }),
      offer(4, 'TikTok likes', { category: 'Tiktok Likes', refill: false }),
    ]);
    expect(groups.map((g) => [g.score, g.offers.map((o) => o.providerId)])).toEqual([
      [1, [1, 2]],
      [0.5, [3, 4]],
    ]);
    expect(groups[0]!.reasons).toEqual([
      'same type: Default',
      'same normalized name: "followers hq instagram"',
      'same category: "instagram followers"',
      'same flags: refill',
    ]);
    expect(groups[0]!.suggestedName).toBe('Instagram Followers [HQ]');
    expect(groups[1]!.reasons).toContain('flags differ: refill / none');
    expect(groups[1]!.refill).toBe(false);
  });

  it('needs two providers and the same type', () => {
    expect(groupSuggestions([offer(1, 'A b'), offer(1, 'a B')])).toEqual([]);
    expect(groupSuggestions([offer(1, 'A b'), offer(2, 'a B', { type: 'Package' })])).toEqual([]);
  });

  it('keys a group by its offers, stable across calls', () => {
    const offers = [offer(1, 'Views'), offer(2, 'views')];
    expect(groupSuggestions(offers)[0]!.key).toBe(groupSuggestions([...offers].reverse())[0]!.key);
  });
});
