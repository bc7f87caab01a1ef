import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { VarSpec } from './env-schema.js';

/** A 32-byte secret given as 64 hex characters or as base64. */
export const secret32: VarSpec<Buffer> = {
  expects: '32 bytes as 64 hex characters or as base64',
  parse: (raw) => {
    const buf = /^[0-9a-fA-F]{64}$/.test(raw)
      ? Buffer.from(raw, 'hex')
      : Buffer.from(raw, 'base64');
    return buf.length === 32 ? buf : undefined;
  },
};

const SECRETS_FILE = 'gateway-secrets.json';

/**
 * Secrets for the embedded default: whatever the environment does not give is generated once
 * into the data directory (mode 0600) and reused on every start, so encrypted keys and issued
 * tokens survive restarts. Deployments on PostgreSQL must configure both (enforced in loadConfig).
 */
export function embeddedSecrets(
  dataDir: string,
  given: { encryptionKey?: Buffer; tokenSecret?: Buffer },
): { encryptionKey: Buffer; tokenSecret: Buffer } {
  if (given.encryptionKey && given.tokenSecret) {
    return { encryptionKey: given.encryptionKey, tokenSecret: given.tokenSecret };
  }
  const file = join(dataDir, SECRETS_FILE);
  let stored: { encryptionKey?: string; tokenSecret?: string } = {};
  if (existsSync(file)) {
    stored = JSON.parse(readFileSync(file, 'utf8')) as typeof stored;
  }
  if (!stored.encryptionKey || !stored.tokenSecret) {
    stored = {
      encryptionKey: stored.encryptionKey ?? randomBytes(32).toString('base64'),
      tokenSecret: stored.tokenSecret ?? randomBytes(32).toString('base64'),
    };
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
  }
  return {
    encryptionKey: given.encryptionKey ?? Buffer.from(stored.encryptionKey!, 'base64'),
    tokenSecret: given.tokenSecret ?? Buffer.from(stored.tokenSecret!, 'base64'),
  };
}
