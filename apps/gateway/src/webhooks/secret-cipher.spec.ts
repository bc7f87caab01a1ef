import { randomBytes } from 'node:crypto';
import { WebhookSecretCipher } from './secret-cipher.js';

describe('WebhookSecretCipher', () => {
  const cipher = new WebhookSecretCipher(randomBytes(32));
  const secret = 'whsec_' + randomBytes(32).toString('base64');

  it('round-trips a secret and never stores it in clear', () => {
    const stored = cipher.encrypt(secret);
    expect(stored).not.toContain(secret.slice(6, 20));
    expect(cipher.decrypt(stored)).toBe(secret);
    expect(cipher.encrypt(secret)).not.toBe(stored);
  });

  it('refuses a tampered envelope or another key', () => {
    const stored = cipher.encrypt(secret);
    const parts = stored.split(':');
    const body = Buffer.from(parts[3]!, 'base64');
    body[0] = body[0]! ^ 1;
    parts[3] = body.toString('base64');
    expect(() => cipher.decrypt(parts.join(':'))).toThrow();
    expect(() => new WebhookSecretCipher(randomBytes(32)).decrypt(stored)).toThrow();
    expect(() => cipher.decrypt('garbage')).toThrow(/Unrecognized/);
  });
});
