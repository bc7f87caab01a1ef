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
