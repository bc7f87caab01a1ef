import { boolean, integer, type EnvReader, type VarSpec } from './env-schema.js';

export interface WebhooksConfig {
  /** First retry delay in seconds (a decimal); each next one doubles, with jitter. */
  readonly retryBaseSeconds: number;
  /** Allows http and loopback/private targets (development and tests only). */
  readonly allowPrivate: boolean;
  /** Whether this process runs the delivery loop (independent of JOBS_ENABLED). */
  readonly deliveryEnabled: boolean;
  /** How often the delivery loop looks for due deliveries, in milliseconds. */
  readonly pollMs: number;
}

const positiveDecimal: VarSpec<number> = {
  expects: 'a positive decimal number of seconds (e.g. 5 or 0.1)',
  parse: (raw) => {
    if (!/^\d{1,6}(\.\d{1,6})?$/.test(raw)) return undefined;
    const n = Number(raw);
    return n > 0 ? n : undefined;
  },
};

export function readWebhooksConfig(r: EnvReader): WebhooksConfig {
  return {
    retryBaseSeconds: r.required('WEBHOOK_RETRY_BASE_SECONDS', positiveDecimal, 5),
    allowPrivate: r.required('WEBHOOK_ALLOW_PRIVATE', boolean, false),
    deliveryEnabled: r.required('WEBHOOK_DELIVERY_ENABLED', boolean, true),
    pollMs: r.required('WEBHOOK_POLL_MS', integer(10, 60_000), 250),
  };
}
