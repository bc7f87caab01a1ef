import type { SmmRequest } from './requests.js';

/**
 * How fields travel: `form` (canonical POST x-www-form-urlencoded), `query` (GET with the fields in
 * the query string) or `json` (POST with a JSON object), for the odd panel that wants it.
 */
export type SmmTransport = 'form' | 'query' | 'json';

export interface EncodedRequest {
  readonly method: 'GET' | 'POST';
  /** The full URL; carries the key when the transport is `query`. Never log it. */
  readonly url: string;
  readonly body: string | undefined;
  readonly contentType: string | undefined;
  /** The same request with the key's value replaced by [redacted], for diagnostics. */
  readonly redacted: string;
}

export const REDACTED = '[redacted]';

/** The wire form of one call. Field order follows the canonical client: key, action, fields. */
export function encodeRequest(
  endpoint: URL,
  request: SmmRequest,
  apiKey: string,
  transport: SmmTransport,
): EncodedRequest {
  const fields = { action: request.action, ...request.fields };
  if (transport === 'json') {
    return {
      method: 'POST',
      url: endpoint.href,
      body: JSON.stringify({ key: apiKey, ...fields }),
      contentType: 'application/json',
      redacted: JSON.stringify({ key: REDACTED, ...fields }),
    };
  }
  const params = new URLSearchParams({ key: apiKey, ...fields });
  const redacted = `key=${REDACTED}&${new URLSearchParams(fields).toString()}`;
  if (transport === 'query') {
    const url = new URL(endpoint.href);
    for (const [name, value] of params) url.searchParams.append(name, value);
    return { method: 'GET', url: url.href, body: undefined, contentType: undefined, redacted };
  }
  return {
    method: 'POST',
    url: endpoint.href,
    body: params.toString(),
    contentType: 'application/x-www-form-urlencoded',
    redacted,
  };
}
