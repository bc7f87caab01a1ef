import { AppConfig } from '../config/app-config.js';
import { ProviderKeyCipher, keyHint } from './provider-key-cipher.js';

const cipherWith = (byte: number) =>
  new ProviderKeyCipher({ secrets: { encryptionKey: Buffer.alloc(32, byte) } } as AppConfig);

describe('ProviderKeyCipher keeps upstream keys encrypted at rest', () => {
  it('round-trips, with a fresh IV each time and no plaintext in the envelope', () => {
    const cipher = cipherWith(7);
    const a = cipher.encrypt('sk-live-secret-1234');
    const b = cipher.encrypt('sk-live-secret-1234');
    expect(a).not.toBe(b);
    expect(a).not.toContain('secret');
    expect(a.startsWith('v1:')).toBe(true);
    expect(cipher.decrypt(a)).toBe('sk-live-secret-1234');
  });

  it('refuses a tampered envelope or another key', () => {
    const cipher = cipherWith(7);
    const envelope = cipher.encrypt('sk-live-secret-1234');
    const parts = envelope.split(':');
    const body = Buffer.from(parts[3]!, 'base64');
    body[0] = body[0]! ^ 1;
    parts[3] = body.toString('base64');
    expect(() => cipher.decrypt(parts.join(':'))).toThrow();
    expect(() => cipherWith(8).decrypt(envelope)).toThrow();
    expect(() => cipher.decrypt('plain-text-key')).toThrow();
  });

  it('shows only the last 4 characters', () => {
    expect(keyHint('sk-live-secret-1234')).toBe('1234');
  });
});
