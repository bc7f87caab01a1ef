/**
 * Stable error codes: part of the API contract. Each maps to one HTTP status and title here,
 * and nowhere else: code below a controller throws a DomainError with a code, never an HTTP exception.
 */
export const ERROR_CATALOG = {
  // generic HTTP
  bad_request: { status: 400, title: 'Bad request' },
  malformed_json: { status: 400, title: 'Malformed JSON body' },
  validation_failed: { status: 400, title: 'Validation failed' },
  unauthorized: { status: 401, title: 'Authentication required' },
  forbidden: { status: 403, title: 'Forbidden' },
  insufficient_scope: { status: 403, title: 'Insufficient scope' },
  not_found: { status: 404, title: 'Not found' },
  route_not_found: { status: 404, title: 'No such route' },
  method_not_allowed: { status: 405, title: 'Method not allowed' },
  not_acceptable: { status: 406, title: 'Not acceptable' },
  conflict: { status: 409, title: 'Conflict' },
  request_timeout: { status: 408, title: 'Request timeout' },
  payload_too_large: { status: 413, title: 'Payload too large' },
  uri_too_long: { status: 414, title: 'URI too long' },
  headers_too_large: { status: 431, title: 'Request header fields too large' },
  unsupported_media_type: { status: 415, title: 'Unsupported media type' },
  unprocessable: { status: 422, title: 'Unprocessable request' },
  rate_limited: { status: 429, title: 'Too many requests' },
  internal_error: { status: 500, title: 'Internal server error' },
  service_unavailable: { status: 503, title: 'Service unavailable' },
  not_ready: { status: 503, title: 'Not ready' },
  // partners, issued tokens, wallets, prices (issue 5)
  partner_required: { status: 403, title: 'Partner token required' },
  auth_failures_limited: { status: 429, title: 'Too many failed authentications' },
  insufficient_funds: { status: 422, title: 'Insufficient funds' },
  balance_limit_exceeded: { status: 422, title: 'Balance limit exceeded' },
  max_charge_exceeded: { status: 422, title: 'Charge above maxCharge' },
  refund_exceeds_charge: { status: 422, title: 'Refund exceeds the charge' },
  ledger_key_conflict: { status: 409, title: 'Ledger key already used' },
  partner_name_taken: { status: 409, title: 'Partner name taken' },
  partner_currency_locked: { status: 409, title: 'Partner currency locked' },
  partner_suspended: { status: 409, title: 'Partner suspended' },
  token_not_active: { status: 409, title: 'Token not active' },
  invalid_cursor: { status: 400, title: 'Invalid cursor' },
  currency_rate_unavailable: { status: 503, title: 'Currency rate unavailable' },
  // providers, catalog and routing (issue 4)
  provider_key_invalid: { status: 422, title: 'Upstream rejected the API key' },
  provider_unreachable: { status: 422, title: 'Upstream unreachable' },
  provider_currency_mismatch: { status: 422, title: 'Upstream currency differs' },
  provider_name_taken: { status: 409, title: 'Provider name taken' },
  upstream_failed: { status: 502, title: 'Upstream call failed' },
  service_name_taken: { status: 409, title: 'Service name taken' },
  offer_not_found: { status: 422, title: 'Upstream offer not found' },
  webhook_target_refused: { status: 422, title: 'Webhook target refused' },
  offer_type_mismatch: { status: 422, title: 'Offer type differs from the service type' },
  catalog_invalid: { status: 422, title: 'Catalog document invalid' },
  currency_is_base: { status: 422, title: 'The base currency has no rate' },
  // orders, idempotency, refills, cancels (issue 6)
  invalid_idempotency_key: { status: 400, title: 'Invalid Idempotency-Key' },
  idempotency_key_reused: { status: 422, title: 'Idempotency-Key reused with another request' },
  idempotency_in_flight: { status: 409, title: 'Request with this Idempotency-Key in progress' },
  service_not_available: { status: 422, title: 'Service not available' },
  no_eligible_offer: { status: 422, title: 'No upstream can take this order' },
  order_rejected: { status: 422, title: 'Order rejected upstream' },
  upstreams_unavailable: { status: 503, title: 'Upstreams unavailable' },
  refill_not_supported: { status: 422, title: 'Refill not supported' },
  cancel_not_supported: { status: 422, title: 'Cancel not supported' },
  order_not_eligible: { status: 422, title: 'Order not eligible' },
  order_not_reconcilable: { status: 409, title: 'Order does not need reconciliation' },
  // reports (issue 16)
  report_range_required: { status: 400, title: 'Report time range required' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOG;

export function statusForCode(code: ErrorCode): number {
  return ERROR_CATALOG[code].status;
}
