import { createHmac } from 'node:crypto';
import {
  checksumOf,
  generateToken,
  hashToken,
  isWellFormedToken,
  maskedToken,
  TOKEN_PREFIX,
} from './token-format.js';

describe('issued token format <prefix>_<random>_<checksum>', () => {
  it('generates tokens with the fixed prefix, 40 random base62 characters and a checksum', () => {
    const token = generateToken();
    expect(token).toMatch(/^smmgw_[0-9A-Za-z]{40}_[0-9A-Za-z]{6}$/);
    expect(isWellFormedToken(token)).toBe(true);
    expect(token.startsWith(`${TOKEN_PREFIX}_`)).toBe(true);
  });

  it('never repeats itself', () => {
    const tokens = new Set(Array.from({ length: 500 }, generateToken));
    expect(tokens.size).toBe(500);
  });

  it('refuses a token with one character changed (a typo) by its checksum alone', () => {
    const token = generateToken();
    for (const position of [6, 20, 45, token.length - 1]) {
      const original = token[position]!;
      const typo = original === 'a' ? 'b' : 'a';
      const mistyped = token.slice(0, position) + typo + token.slice(position + 1);
      expect(isWellFormedToken(mistyped), `typo at ${position}`).toBe(false);
    }
  });

  it('refuses transposed neighbours, a wrong prefix, and wrong lengths', () => {
    const token = generateToken();
    const [prefix, random, checksum] = token.split('_') as [string, string, string];
    const swapped = random[1]! + random[0]! + random.slice(2);
    if (swapped !== random)
      expect(isWellFormedToken(`${prefix}_${swapped}_${checksum}`)).toBe(false);
    expect(isWellFormedToken(`other_${random}_${checksumOf(`other_${random}`)}`)).toBe(false);
    expect(isWellFormedToken(`${prefix}_${random.slice(1)}_${checksum}`)).toBe(false);
    expect(isWellFormedToken('')).toBe(false);
    expect(isWellFormedToken(`${token} `)).toBe(false);
  });

  it('stores an HMAC-SHA256 under the server secret, never the token', () => {
    const secret = Buffer.alloc(32, 7);
    const token = generateToken();
    const hash = hashToken(token, secret);
    expect(hash).toBe(createHmac('sha256', secret).update(token).digest('hex'));
    expect(hash).not.toContain(token.slice(6, 46));
    expect(hashToken(token, Buffer.alloc(32, 8))).not.toBe(hash);
  });

  it('masks a token as prefix and last four', () => {
    expect(maskedToken('AbC1')).toBe('smmgw_…AbC1');
  });
});
