import type { SmmAction } from './requests.js';

/**
 * Why an upstream refused a call. For `add`, every reason means "definitely not placed".
 * `unknown_order` / `unknown_refill` answer status, refill and cancel calls ("Incorrect order ID",
 * "Refill not found"); right after `add` a panel may say `unknown_order` for a short while.
 */
export const REJECTION_REASONS = [
  'insufficient_funds',
  'invalid_key',
  'unknown_service',
  'quantity_out_of_range',
  'bad_link',
  'duplicate_active_order',
  'not_eligible',
  'rate_limited',
  'unknown_order',
  'unknown_refill',
  'other',
] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];

/**
 * May another upstream take a request this upstream rejected? Only when the refusal is about this
 * upstream (its account, catalog, limits or load), never when it is about the request itself.
 * - duplicate_active_order: the active order on that link may be ours, from an earlier attempt whose
 *   outcome we misjudged, or the same link is already being served; a second upstream would run the
 *   same link twice. Surface it and let the caller wait instead.
 * - other: a message we cannot classify may as well be about the request (a private profile, a
 *   link of the wrong network); retrying it everywhere spends the other upstreams' rate limits and
 *   risks an order nobody meant. Conservative until someone teaches the classifier the message.
 */
export const RETRY_ELSEWHERE: Readonly<Record<RejectionReason, boolean>> = {
  insufficient_funds: true,
  invalid_key: true,
  unknown_service: true,
  quantity_out_of_range: true,
  rate_limited: true,
  bad_link: false,
  duplicate_active_order: false,
  not_eligible: false,
  unknown_order: false,
  unknown_refill: false,
  other: false,
};

// Order matters: the first pattern that matches wins.
const PATTERNS: ReadonlyArray<readonly [RegExp, RejectionReason]> = [
  [
    /not enough (funds|money|balance)|insufficient (funds|balance)|low balance/i,
    'insufficient_funds',
  ],
  [/(invalid|incorrect|wrong|bad) api[ _-]?key|api[ _-]?key .*(invalid|incorrect)/i, 'invalid_key'],
  [
    /(invalid|incorrect|wrong|unknown) service|service (not found|disabled|is not active)/i,
    'unknown_service',
  ],
  [
    /quantity (is )?(less|more|lower|greater|higher) than|(min|max)(imal|imum)? quantity/i,
    'quantity_out_of_range',
  ],
  [/(invalid|incorrect|wrong|bad) (link|url)/i, 'bad_link'],
  [/active order with (this|the same) link/i, 'duplicate_active_order'],
  [/not eligible/i, 'not_eligible'],
  [/too many requests|rate limit|try again later/i, 'rate_limited'],
  [/(invalid|incorrect|wrong|unknown) order|order (id )?not found/i, 'unknown_order'],
  [/refill (id )?not found|(invalid|incorrect|wrong|unknown) refill/i, 'unknown_refill'],
];

/** The reason an upstream error message names (see the reference's list of messages). */
export function classifyUpstreamError(message: string): RejectionReason {
  for (const [pattern, reason] of PATTERNS) if (pattern.test(message)) return reason;
  return 'other';
}

/** Failed before the request was sent: the upstream certainly did not process it. */
export type FailureCause =
  'connection_refused' | 'dns' | 'connect_timeout' | 'tls' | 'network' | 'invalid_request';

/** Sent, but no answer we can trust: the upstream may or may not have processed it. */
export type AmbiguityCause =
  | 'response_timeout'
  | 'connection_reset'
  | 'network'
  | 'http_status'
  | 'redirect'
  | 'not_json'
  | 'invalid_json'
  | 'unexpected_shape'
  | 'response_too_large';

/** What happened on the wire; redacted (no API key anywhere) and truncated. */
export interface CallDiagnostics {
  readonly action: SmmAction;
  readonly method: 'GET' | 'POST';
  /** The endpoint without its query string. */
  readonly url: string;
  /** The request fields as sent, with the key's value replaced by [redacted]. */
  readonly request: string;
  readonly httpStatus: number | null;
  /** The raw response body, redacted and truncated; null when none arrived. */
  readonly response: string | null;
  readonly durationMs: number;
}

export interface SmmSuccess<T> {
  readonly kind: 'success';
  readonly value: T;
  readonly diagnostics: CallDiagnostics;
}

export interface SmmRejected {
  readonly kind: 'rejected';
  readonly reason: RejectionReason;
  /** Definitely not processed here, and another upstream may take the same request. */
  readonly retryElsewhere: boolean;
  /** The upstream's message (or ours, for HTTP 429 without one). */
  readonly message: string;
  readonly diagnostics: CallDiagnostics;
}

export interface SmmFailed {
  readonly kind: 'failed';
  readonly cause: FailureCause;
  readonly message: string;
  readonly diagnostics: CallDiagnostics;
}

export interface SmmAmbiguous {
  readonly kind: 'ambiguous';
  readonly cause: AmbiguityCause;
  readonly message: string;
  readonly diagnostics: CallDiagnostics;
}

export type SmmOutcome<T> = SmmSuccess<T> | SmmRejected | SmmFailed | SmmAmbiguous;
export type SmmNonSuccess = SmmRejected | SmmFailed | SmmAmbiguous;

export function rejection(
  message: string,
  diagnostics: CallDiagnostics,
  reason: RejectionReason = classifyUpstreamError(message),
): SmmRejected {
  return {
    kind: 'rejected',
    reason,
    retryElsewhere: RETRY_ELSEWHERE[reason],
    message,
    diagnostics,
  };
}
