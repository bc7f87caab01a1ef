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
