import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const VERSION = 'v1';
/** Binds ciphertexts to their purpose: a blob copied from another column will not decrypt here. */
const AAD = Buffer.from('smm-gateway:webhook-secret');

/**
 * Webhook signing secrets at rest: AES-256-GCM under the configured encryption key with a fresh
 * 96-bit IV, stored as `v1:<iv>:<tag>:<ciphertext>` (base64). The delivery job needs the secret
 * itself to sign, so it is encrypted rather than hashed.
 */
export class WebhookSecretCipher {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('The encryption key must be 32 bytes');
  }

  encrypt(secret: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(AAD);
    const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return [VERSION, ...[iv, cipher.getAuthTag(), body].map((p) => p.toString('base64'))].join(':');
  }

  decrypt(envelope: string): string {
    const [version, iv, tag, body] = envelope.split(':');
    if (version !== VERSION || !iv || !tag || body === undefined) {
      throw new Error('Unrecognized webhook secret envelope');
    }
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64'));
    decipher.setAAD(AAD);
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString(
      'utf8',
    );
  }
}
