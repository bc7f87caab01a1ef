import { Injectable } from '@nestjs/common';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { AppConfig } from '../config/app-config.js';

const VERSION = 'v1';
const IV_BYTES = 12;
/** Binds ciphertexts to their purpose: a blob cut from another column will not decrypt here. */
const AAD = Buffer.from('smm-gateway:provider-api-key');

/**
 * Upstream API keys at rest: AES-256-GCM with the configured encryption key, a fresh 96-bit IV
 * per encryption, stored as `v1:<iv>:<tag>:<ciphertext>` (base64). Tampering fails decryption.
 */
@Injectable()
export class ProviderKeyCipher {
  private readonly key: Buffer;

  constructor(config: AppConfig) {
    this.key = config.secrets.encryptionKey;
  }

  encrypt(plaintext: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(AAD);
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return [VERSION, iv, tag, body]
      .map((p) => (typeof p === 'string' ? p : p.toString('base64')))
      .join(':');
  }

  decrypt(envelope: string): string {
    const [version, iv, tag, body] = envelope.split(':');
    if (version !== VERSION || !iv || !tag || body === undefined) {
      throw new Error('Unrecognized API key envelope');
    }
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64'));
    decipher.setAAD(AAD);
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString(
      'utf8',
    );
  }
}

/** What a response may show of a key: its last 4 characters. */
export const keyHint = (apiKey: string): string => apiKey.slice(-4);
