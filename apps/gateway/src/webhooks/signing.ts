import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

const SECRET_PREFIX = 'whsec_';

/** A fresh signing secret: `whsec_` and 32 random bytes in base64 (the Standard Webhooks form). */
export function generateSecret(): string {
  return SECRET_PREFIX + randomBytes(32).toString('base64');
}

export interface SignedHeaders {
  readonly 'webhook-id': string;
  readonly 'webhook-timestamp': string;
  readonly 'webhook-signature': string;
}

/**
 * The Standard Webhooks headers for one attempt: `webhook-id` (stable across retries),
 * `webhook-timestamp` (seconds, this attempt) and one `v1,<base64 HMAC-SHA256>` signature of
 * "id.timestamp.body" per active secret, space-separated (the current secret first; during a
 * rotation the previous one signs alongside so receivers switch at their own pace).
 */
export function signMessage(
  msgId: string,
  at: Date,
  body: string,
  secrets: readonly string[],
): SignedHeaders {
  if (secrets.length === 0) throw new Error('No signing secret');
  const signatures = secrets.map((secret) => new Webhook(secret).sign(msgId, at, body));
  return {
    'webhook-id': msgId,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': signatures.join(' '),
  };
}
