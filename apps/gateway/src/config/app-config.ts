import { resolve } from 'node:path';
import { embeddedSecrets, secret32 } from './secrets.js';
import { readWebhooksConfig, type WebhooksConfig } from './webhooks-config.js';
import { boolean, ConfigError, EnvReader, integer, oneOf, text, type Env } from './env-schema.js';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export const LOG_FORMATS = ['json', 'pretty'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

export type DatabaseConfig =
  | { readonly kind: 'sqlite'; readonly url: string; readonly path: string }
  | { readonly kind: 'postgres'; readonly url: string; readonly poolSize: number };

/** The gateway's typed configuration, read once at boot. Inject it; never read process.env. */
export class AppConfig {
  readonly http: {
    readonly port: number;
    readonly host: string;
    readonly bodyLimitBytes: number;
    readonly trustProxy: boolean;
    /** Longest time to receive a whole request (headers and body); 408 after it. */
    readonly requestTimeoutMs: number;
    /** Longest time to receive a request's headers. */
    readonly headersTimeoutMs: number;
    /** How long an idle keep-alive connection stays open. */
    readonly keepAliveTimeoutMs: number;
    /** Open inbound connections at most; null: sized from the process's descriptor limit. */
    readonly maxConnections: number | null;
  };
  readonly database: DatabaseConfig;
  readonly log: { readonly level: LogLevel; readonly format: LogFormat };
  readonly auth: { readonly adminToken: string | undefined };
  /** Directory for files the gateway keeps beside an embedded database. */
  readonly dataDir: string;
  readonly secrets: {
    /** 32-byte AES-256-GCM key for upstream API keys at rest. */
    readonly encryptionKey: Buffer;
    /** HMAC-SHA256 secret for issued partner tokens. */
    readonly tokenSecret: Buffer;
  };
  readonly catalog: {
    readonly baseCurrency: string;
    readonly syncIntervalSeconds: number;
    readonly balanceRefreshSeconds: number;
  };
  readonly limits: {
    /** Requests per minute per token unless a partner overrides it. */
    readonly requestsPerMinute: number;
    /** Failed authentications per minute per address before answers slow down. */
    readonly failedAuthPerMinute: number;
  };
  /** Outlier ejection of upstreams (in the manner of Envoy's). */
  readonly ejection: {
    /** Consecutive failed or ambiguous calls that eject a provider. */
    readonly afterFailures: number;
    /** First ejection length; doubled for each recent ejection. */
    readonly baseSeconds: number;
    /** Longest ejection. */
    readonly maxSeconds: number;
    /** Failure rate (percent) over a minute that ejects; 0 turns the rate rule off. */
    readonly failureRatePercent: number;
  };
  readonly orders: {
    readonly maxAttempts: number;
    readonly statusFreshnessSeconds: number;
    readonly stuckAfterHours: number;
    readonly idempotencyTtlHours: number;
    /** First status poll this long after placement; later polls back off from it (capped at 10 min). */
    readonly firstPollSeconds: number;
    /** How often the status sweep looks for due orders. */
    readonly syncIntervalSeconds: number;
    /** A placement untouched this long belongs to a process that died: it is recovered. */
    readonly interruptedAfterSeconds: number;
    /**
     * Placement answers within this long (PLACEMENT_ANSWER_MS): an upstream still silent by then
     * gets the order answered as it stands (pending), the placement finishing in the background.
     */
    readonly placementAnswerMs: number;
  };
  readonly reports: {
    /** An upstream's reported charge may differ from the expected cost by this much (a decimal string). */
    readonly upstreamChargeTolerancePercent: string;
    /** Above this many orders, reports require `from` and `to`. */
    readonly rangeRequiredAboveOrders: number;
    /** The longest range a report may cover, in days. */
    readonly maxRangeDays: number;
  };
  /** Background jobs (sync, status polling, reconciliation); off only for tests that drive them. */
  readonly jobsEnabled: boolean;
  readonly webhooks: WebhooksConfig;

  constructor(values: Omit<AppConfig, never>) {
    Object.assign(this, values);
  }
}

const SQLITE_PREFIX = 'sqlite:';

const databaseUrl = {
  expects: 'sqlite:<path> or postgres://user:password@host:port/database',
  parse: (raw: string) =>
    raw.startsWith(SQLITE_PREFIX) && raw.length > SQLITE_PREFIX.length
      ? raw
      : /^postgres(ql)?:\/\/[^\s]+$/.test(raw)
        ? raw
        : undefined,
};

const currencyCode = text('a three-letter ISO 4217 currency code (e.g. USD)', /^[A-Z]{3}$/);

export const CONFIG_DEFAULTS = {
  PORT: 3000,
  HOST: '0.0.0.0',
  DATABASE_URL: 'sqlite:./data/gateway.sqlite',
  LOG_LEVEL: 'info' as LogLevel,
  BODY_LIMIT_BYTES: 1_048_576,
  DATABASE_POOL_SIZE: 10,
};

/** Reads and validates the environment; throws ConfigError naming every bad variable. */
export function loadConfig(env: Env): AppConfig {
  const r = new EnvReader(env);
  const port = r.required('PORT', integer(0, 65535), CONFIG_DEFAULTS.PORT);
  const host = r.required(
    'HOST',
    text('a host name or IP address', /^[\w.:-]+$/),
    CONFIG_DEFAULTS.HOST,
  );
  const bodyLimitBytes = r.required(
    'BODY_LIMIT_BYTES',
    integer(1024, 100 * 1024 * 1024),
    CONFIG_DEFAULTS.BODY_LIMIT_BYTES,
  );
  const trustProxy = r.required('TRUST_PROXY', boolean, false);
  const requestTimeoutMs = r.required('REQUEST_TIMEOUT_SECONDS', integer(1, 3_600), 30) * 1000;
  const headersTimeoutMs = r.required('HEADERS_TIMEOUT_SECONDS', integer(1, 600), 10) * 1000;
  const keepAliveTimeoutMs = r.required('KEEP_ALIVE_TIMEOUT_SECONDS', integer(1, 600), 5) * 1000;
  const maxConnections = r.optional('MAX_CONNECTIONS', integer(1, 1_000_000)) ?? null;
  const url = r.required('DATABASE_URL', databaseUrl, CONFIG_DEFAULTS.DATABASE_URL);
  const poolSize = r.required(
    'DATABASE_POOL_SIZE',
    integer(1, 200),
    CONFIG_DEFAULTS.DATABASE_POOL_SIZE,
  );
  const level = r.required('LOG_LEVEL', oneOf(LOG_LEVELS), CONFIG_DEFAULTS.LOG_LEVEL);
  const format = r.required('LOG_FORMAT', oneOf(LOG_FORMATS), 'json');
  const ejectAfterFailures = r.required('UPSTREAM_EJECT_AFTER_FAILURES', integer(1, 1_000), 5);
  const ejectBaseSeconds = r.required('UPSTREAM_EJECT_BASE_SECONDS', integer(1, 86_400), 30);
  const ejectMaxSeconds = r.required('UPSTREAM_EJECT_MAX_SECONDS', integer(1, 7 * 86_400), 600);
  const ejectFailureRate = r.required('UPSTREAM_EJECT_FAILURE_RATE_PERCENT', integer(0, 100), 50);
  if (ejectMaxSeconds < ejectBaseSeconds) {
    r.fail('UPSTREAM_EJECT_MAX_SECONDS must not be below UPSTREAM_EJECT_BASE_SECONDS');
  }
  const adminToken = r.optional(
    'ADMIN_TOKEN',
    text('at least 16 characters without spaces', /^\S{16,512}$/),
  );
  const encryptionKey = r.optional('ENCRYPTION_KEY', secret32);
  const tokenSecret = r.optional('TOKEN_SECRET', secret32);
  const baseCurrency = r.required('BASE_CURRENCY', currencyCode, 'USD');
  const syncIntervalSeconds = r.required('CATALOG_SYNC_INTERVAL_SECONDS', integer(10, 86_400), 600);
  const balanceRefreshSeconds = r.required(
    'BALANCE_REFRESH_INTERVAL_SECONDS',
    integer(10, 86_400),
    300,
  );
  const requestsPerMinute = r.required('RATE_LIMIT_PER_MINUTE', integer(1, 1_000_000), 600);
  const failedAuthPerMinute = r.required('AUTH_FAILURES_PER_MINUTE', integer(1, 10_000), 20);
  const maxAttempts = r.required('ORDER_MAX_ATTEMPTS', integer(1, 10), 3);
  const statusFreshnessSeconds = r.required(
    'ORDER_STATUS_FRESHNESS_SECONDS',
    integer(0, 86_400),
    30,
  );
  const stuckAfterHours = r.required('ORDER_STUCK_AFTER_HOURS', integer(1, 24 * 365), 72);
  const idempotencyTtlHours = r.required('IDEMPOTENCY_TTL_HOURS', integer(24, 24 * 90), 24);
  const firstPollSeconds = r.required('ORDER_FIRST_POLL_SECONDS', integer(1, 3_600), 10);
  const placementAnswerMs = r.required('PLACEMENT_ANSWER_MS', integer(100, 600_000), 5_000);
  const orderSyncSeconds = r.required('ORDER_SYNC_INTERVAL_SECONDS', integer(1, 3_600), 5);
  const interruptedAfterSeconds = r.required(
    'ORDER_INTERRUPTED_AFTER_SECONDS',
    integer(1, 86_400),
    60,
  );
  const upstreamChargeTolerancePercent = r.required(
    'UPSTREAM_CHARGE_TOLERANCE_PERCENT',
    text('a decimal from 0 to 100 (e.g. 1 or 0.5)', /^(100(\.0+)?|\d{1,2}(\.\d{1,6})?)$/),
    '1',
  );
  const rangeRequiredAboveOrders = r.required(
    'REPORT_RANGE_REQUIRED_ABOVE_ORDERS',
    integer(0, 1_000_000_000),
    100_000,
  );
  const maxRangeDays = r.required('REPORT_MAX_RANGE_DAYS', integer(1, 3_660), 400);
  const jobsEnabled = r.required('JOBS_ENABLED', boolean, true);
  const webhooks = readWebhooksConfig(r);
  if (!url.startsWith(SQLITE_PREFIX)) {
    if (!encryptionKey)
      r.fail(
        'ENCRYPTION_KEY is required outside the embedded SQLite default (32 bytes as 64 hex characters or base64)',
      );
    if (!tokenSecret)
      r.fail(
        'TOKEN_SECRET is required outside the embedded SQLite default (32 bytes as 64 hex characters or base64)',
      );
  }
  r.done();

  const database: DatabaseConfig = url.startsWith(SQLITE_PREFIX)
    ? { kind: 'sqlite', url, path: sqlitePath(url) }
    : { kind: 'postgres', url, poolSize };
  const dataDir = r.required(
    'DATA_DIR',
    text('a directory path', /^.+$/),
    database.kind === 'sqlite' && database.path !== ':memory:'
      ? resolve(database.path, '..')
      : resolve('data'),
  );

  return new AppConfig({
    http: {
      port,
      host,
      bodyLimitBytes,
      trustProxy,
      requestTimeoutMs: Math.max(requestTimeoutMs, headersTimeoutMs),
      headersTimeoutMs,
      keepAliveTimeoutMs,
      maxConnections,
    },
    database,
    log: { level, format },
    auth: { adminToken },
    dataDir,
    secrets: usableSecrets(dataDir, database, { encryptionKey, tokenSecret }),
    catalog: { baseCurrency, syncIntervalSeconds, balanceRefreshSeconds },
    limits: { requestsPerMinute, failedAuthPerMinute },
    ejection: {
      afterFailures: ejectAfterFailures,
      baseSeconds: ejectBaseSeconds,
      maxSeconds: ejectMaxSeconds,
      failureRatePercent: ejectFailureRate,
    },
    orders: {
      maxAttempts,
      statusFreshnessSeconds,
      stuckAfterHours,
      idempotencyTtlHours,
      firstPollSeconds,
      syncIntervalSeconds: orderSyncSeconds,
      interruptedAfterSeconds,
      placementAnswerMs,
    },
    reports: { upstreamChargeTolerancePercent, rangeRequiredAboveOrders, maxRangeDays },
    jobsEnabled,
    webhooks,
  });
}

function sqlitePath(url: string): string {
  const path = url.slice(SQLITE_PREFIX.length);
  return path === ':memory:' ? path : resolve(path);
}

/**
 * The embedded secrets, or a ConfigError naming the variable to fix when the data directory
 * cannot be created or written (e.g. `sqlite:` under a regular file): exit 78, not a stack trace.
 */
function usableSecrets(
  dataDir: string,
  database: DatabaseConfig,
  given: { encryptionKey?: Buffer; tokenSecret?: Buffer },
): AppConfig['secrets'] {
  try {
    return embeddedSecrets(dataDir, given);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    const variable = database.kind === 'sqlite' ? 'DATABASE_URL (or DATA_DIR)' : 'DATA_DIR';
    throw new ConfigError([
      `${variable} points at an unusable location: cannot create ${dataDir} (${code})`,
    ]);
  }
}
