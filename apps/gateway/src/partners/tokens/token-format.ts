import { createHmac, randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';

/**
 * Issued tokens look like `smmgw_<40 base62>_<6 base62>`: a fixed prefix (so a leaked token is
 * recognizable, e.g. by secret scanners), 40 random base62 characters (~238 bits) and a CRC32
 * checksum of everything before it, so a mistyped token is refused without touching the database.
 */
export const TOKEN_PREFIX = 'smmgw';
const RANDOM_LENGTH = 40;
const CHECKSUM_LENGTH = 6;
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const TOKEN_SHAPE = new RegExp(
  `^${TOKEN_PREFIX}_([0-9A-Za-z]{${RANDOM_LENGTH}})_([0-9A-Za-z]{${CHECKSUM_LENGTH}})$`,
);

/** A new token: the caller shows it once and keeps only `hashToken(token)`. */
export function generateToken(): string {
  const body = `${TOKEN_PREFIX}_${randomBase62(RANDOM_LENGTH)}`;
  return `${body}_${checksumOf(body)}`;
}

/** True when the token has the issued shape and its checksum matches. Pure: no I/O. */
export function isWellFormedToken(token: string): boolean {
  const match = TOKEN_SHAPE.exec(token);
  if (!match) return false;
  return checksumOf(`${TOKEN_PREFIX}_${match[1]}`) === match[2];
}

/** CRC32 of the prefix and random part, in fixed-width base62. */
export function checksumOf(body: string): string {
  let n = crc32(Buffer.from(body, 'utf8'));
  let out = '';
  for (let i = 0; i < CHECKSUM_LENGTH; i++) {
    out = BASE62[n % 62] + out;
    n = Math.floor(n / 62);
  }
  return out;
}

/** What is stored: HMAC-SHA256 under the server's token secret, hex. */
export function hashToken(token: string, secret: Buffer): string {
  return createHmac('sha256', secret).update(token, 'utf8').digest('hex');
}

/** The four characters listings show to tell tokens apart. */
export const lastFour = (token: string): string => token.slice(-4);

/** How listings show a token: `smmgw_…AbC1`. */
export const maskedToken = (last4: string): string => `${TOKEN_PREFIX}_…${last4}`;

/** Uniform base62 by rejection sampling (bytes ≥ 248 would bias the modulo). */
function randomBase62(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248 && out.length < length) out += BASE62[byte % 62];
    }
  }
  return out;
}
