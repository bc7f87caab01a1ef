import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { WebhookSecretCipher } from './secret-cipher.js';
import { generateSecret } from './signing.js';
import type { WebhookEndpointEntity } from './webhook-endpoint.entity.js';

/** How long a rotated-out secret keeps signing beside the new one. */
export const ROTATION_OVERLAP_MS = 24 * 3600 * 1000;

/** Signing secrets: made here, stored encrypted under the gateway's encryption key. */
@Injectable()
export class WebhookSecrets {
  private readonly cipher: WebhookSecretCipher;

  constructor(config: AppConfig) {
    this.cipher = new WebhookSecretCipher(config.secrets.encryptionKey);
  }

  /** A new secret: the clear one (shown once) and what is stored. */
  create(): { clear: string; stored: string } {
    const clear = generateSecret();
    return { clear, stored: this.cipher.encrypt(clear) };
  }

  /** The secrets that sign now: the current one, and the previous one during a rotation. */
  signingSecrets(endpoint: WebhookEndpointEntity, now: Date): string[] {
    const secrets = [this.cipher.decrypt(endpoint.secret)];
    if (
      endpoint.previousSecret &&
      endpoint.previousSecretUntil &&
      endpoint.previousSecretUntil > now
    ) {
      secrets.push(this.cipher.decrypt(endpoint.previousSecret));
    }
    return secrets;
  }
}
