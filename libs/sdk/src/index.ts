import createClient, { type Client, type ClientOptions } from 'openapi-fetch';
import type { components, paths } from './schema.js';

// schema.d.ts is generated from openapi/openapi.json (`npm run openapi && npm run sdk`): never edit it.
export type { components, operations, paths } from './schema.js';

/** A named schema of the document, e.g. `Schema<'OrderDto'>`. */
export type Schema<Name extends keyof components['schemas']> = components['schemas'][Name];

/** Every error body: RFC 9457 problem details with a stable `code`. */
export type Problem = Schema<'ProblemDto'>;

/** The openapi-fetch client over the gateway's paths: `GET`, `POST`, … typed per operation. */
export type GatewayClient = Client<paths>;

export interface GatewayClientOptions extends Omit<ClientOptions, 'baseUrl' | 'headers'> {
  /** The gateway's origin, e.g. `http://127.0.0.1:3000`; paths in calls start with `/v1`. */
  baseUrl: string;
  /** A bearer token issued by the operator (a partner's token for the partner routes). */
  token: string;
}

/**
 * A typed client whose every request carries the bearer token. Results are `{ data }` on 2xx and
 * `{ error }` (a Problem) otherwise, with the raw `response` beside them.
 */
export function createGatewayClient({
  baseUrl,
  token,
  ...options
}: GatewayClientOptions): GatewayClient {
  return createClient<paths>({
    ...options,
    baseUrl,
    headers: { Authorization: `Bearer ${token}` },
  });
}

/** A gateway refusal, thrown by `unwrap`: the problem document, its stable `code` and status. */
export class GatewayProblemError extends Error {
  readonly code: string;
  readonly status: number;

  constructor(readonly problem: Problem) {
    super(`${problem.code}: ${problem.detail}`);
    this.name = 'GatewayProblemError';
    this.code = problem.code;
    this.status = problem.status;
  }
}

/**
 * The data of a call, or a GatewayProblemError with the problem it answered:
 * `const order = unwrap(await client.POST('/v1/orders', { body }))`.
 */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.error !== undefined || !result.response.ok) {
    const problem = result.error as Problem | undefined;
    throw new GatewayProblemError(
      problem?.code
        ? problem
        : {
            type: 'about:blank',
            title: result.response.statusText,
            status: result.response.status,
            detail: `HTTP ${result.response.status}`,
            code: 'unexpected_response',
            requestId: result.response.headers.get('x-request-id') ?? '',
          },
    );
  }
  return result.data as T;
}

/** A fresh Idempotency-Key (a UUID): keep it with the order you mean, and resend it on retries. */
export function idempotencyKey(): string {
  return crypto.randomUUID();
}

/**
 * Request options carrying an Idempotency-Key (a new one unless given): the same key and body
 * answer the order already placed, however often they are sent.
 */
export function withIdempotencyKey(key: string = idempotencyKey()): {
  headers: { 'Idempotency-Key': string };
} {
  return { headers: { 'Idempotency-Key': key } };
}
