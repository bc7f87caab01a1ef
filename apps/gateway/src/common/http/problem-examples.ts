import { ERROR_CATALOG, type ErrorCode } from '../errors/error-codes.js';
import { problemType } from '../errors/problem.js';

/** A problem document as the gateway answers it for `code`, for the OpenAPI examples. */
export function problemExample(code: ErrorCode, detail: string): Record<string, unknown> {
  const { status, title } = ERROR_CATALOG[code];
  return {
    type: problemType(code),
    title,
    status,
    detail,
    code,
    requestId: '3f0c5f0e-8a0b-4bb0-9d59-0f3c7b1d8c52',
    ...(code === 'validation_failed'
      ? { errors: [{ field: 'quantity', message: 'quantity must not be less than 1' }] }
      : {}),
  };
}

/**
 * What any route answers with each error status when its handler declares nothing more specific
 * (the guard, the validation pipe, the global filter): the example documented for that status.
 */
export const DEFAULT_PROBLEMS: Readonly<Record<string, { code: ErrorCode; detail: string }>> = {
  '400': {
    code: 'validation_failed',
    detail: 'The request has 1 invalid value: quantity.',
  },
  '401': { code: 'unauthorized', detail: 'A bearer token is required.' },
  '403': { code: 'insufficient_scope', detail: 'This token lacks the orders:write scope.' },
  '404': { code: 'not_found', detail: 'Order 42 does not exist.' },
  '409': { code: 'conflict', detail: 'The request conflicts with the current state.' },
  '413': { code: 'payload_too_large', detail: 'The request body is larger than allowed.' },
  '422': { code: 'unprocessable', detail: 'The request cannot be processed as given.' },
  '429': { code: 'rate_limited', detail: 'Over 120 requests per minute; retry after 12 s.' },
  '502': { code: 'upstream_failed', detail: 'The upstream did not answer the call.' },
  '503': { code: 'service_unavailable', detail: 'The gateway cannot serve this right now.' },
};
