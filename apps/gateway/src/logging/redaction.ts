import pino from 'pino';

const SECRET_FIELDS = [
  'key',
  'apiKey',
  'api_key',
  'token',
  'password',
  'secret',
  'encryptionKey',
  'tokenSecret',
];

/**
 * pino redaction paths: the authorization header and any field named like a secret, at the
 * top level and a few levels down (pino paths do not recurse).
 */
export const REDACT_PATHS: string[] = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'headers.authorization',
  ...SECRET_FIELDS.flatMap((f) => [f, `*.${f}`, `*.*.${f}`, `*.*.*.${f}`]),
];

const SECRET_NAMES = new Set(SECRET_FIELDS.map((f) => f.toLowerCase()));

/**
 * A request URL fit for a log line: the values of query parameters named like a secret (`key`,
 * `token`, ...) replaced by [redacted]. API v2 clients may send their key in the query string.
 */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const params = new URLSearchParams(url.slice(q + 1));
  let redacted = false;
  for (const name of new Set(params.keys())) {
    if (SECRET_NAMES.has(name.toLowerCase())) {
      params.set(name, '[redacted]');
      redacted = true;
    }
  }
  return redacted ? `${url.slice(0, q)}?${params.toString()}` : url;
}

/** Fields a database error carries that hold the statement's values (a token's hash, a link…). */
const VALUE_FIELDS = ['parameters', 'detail', 'where', 'driverError'];

/**
 * pino's `err` serializer, minus the values a failed query carries: TypeORM's QueryFailedError
 * copies the bound parameters and the driver's detail ("Key (x)=(…)") onto the error. The
 * statement, its code and the stack stay, so the line still says what failed.
 */
export function serializeError(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const fields = pino.stdSerializers.err(error) as unknown as Record<string, unknown>;
  const driver = (error as { driverError?: { code?: unknown } }).driverError;
  for (const name of VALUE_FIELDS) delete fields[name];
  if (driver?.code !== undefined) fields.driverCode = driver.code;
  return fields;
}
