import { WIRE_FIELD_NAMES, type AddOrderField } from '#smm-protocol';
import {
  DomainError,
  ValidationFailedError,
  type FieldError,
} from '../common/errors/domain-error.js';

/**
 * The error messages the facade answers with (HTTP 200 `{"error": "<message>"}`): the canonical
 * messages of the API v2 reference, so that a client's classifier (libs/smm-protocol
 * `classifyUpstreamError`) reads the same meaning a panel's answer would carry. Pure.
 */
export const WIRE_ERRORS = {
  incorrectRequest: 'Incorrect request',
  invalidKey: 'Invalid API key',
  incorrectService: 'Incorrect service ID',
  incorrectLink: 'Incorrect link',
  notEnoughFunds: 'Not enough funds on balance',
  activeOrder: 'You have active order with this link. Please wait until order being completed.',
  incorrectOrder: 'Incorrect order ID',
  refillNotFound: 'Refill not found',
  refillNotEligible: 'Order not eligible for refill.',
  cancelNotEligible: 'Order not eligible for cancel.',
  dripFeedUnsupported: 'This service does not support Drip-feed feature',
  /** Half a drip-feed: runs without interval, or the reverse. */
  requiredFields: 'You must fill in the required fields.',
  /** Nothing was placed and another upstream may take it (classified rate_limited: retry elsewhere). */
  unavailable: 'Service temporarily unavailable, try again later',
  tooManyRequests: 'Too many requests',
} as const;

export const quantityBelow = (min: number): string => `Quantity less than minimal ${min}`;
export const quantityAbove = (max: number): string => `Quantity more than maximal ${max}`;

/** Something unexpected failed; the caller gets the request id to quote. Classified `other`. */
export const internalError = (requestId: string): string =>
  `Internal error, quote request id ${requestId}`;

/**
 * An `add` that failed unexpectedly may or may not have created the order: answered with HTTP 503,
 * which a client reads as ambiguous (never resend blindly), never as a refusal.
 */
export const addOutcomeUnknown = (requestId: string): string =>
  `Internal error: the outcome of this order is not known; check your orders before placing it again (request id ${requestId})`;

/** A refusal the facade answers with: the message, and headers such as Retry-After. */
export class WireError extends Error {
  constructor(
    message: string,
    readonly headers: Record<string, string> = {},
    /** 200 for every refusal; 503 only for an `add` whose outcome is not known. */
    readonly status: 200 | 503 = 200,
  ) {
    super(message);
    this.name = 'WireError';
  }
}

/** The quantity was outside the service's limits: the message needs the service's min or max. */
export interface QuantityOutOfRange {
  /** `out_of_range`: some offers found it too small, others too large. */
  readonly quantity: 'below_min' | 'above_max' | 'out_of_range';
}

/**
 * What an `add` refused by the gateway (a DomainError from validation, routing, pricing, the
 * wallet or the placement) answers. Every DomainError out of placement means "not placed" (an
 * ambiguous placement is not an error), so every message here is a definite refusal.
 */
export function addFailure(error: DomainError): string | QuantityOutOfRange {
  if (error instanceof ValidationFailedError) return fieldFailure(error.errors);
  switch (error.code) {
    case 'not_found':
    case 'service_not_available':
      return WIRE_ERRORS.incorrectService;
    case 'insufficient_funds':
      return WIRE_ERRORS.notEnoughFunds;
    case 'no_eligible_offer':
      return noEligibleOffer(error.extensions['reasons']);
    case 'order_rejected':
      return rejected(error);
    case 'quantity_out_of_range':
      return upstreamQuantity(error);
    case 'upstreams_unavailable':
    case 'currency_rate_unavailable':
      return WIRE_ERRORS.unavailable;
    default:
      return error.detail;
  }
}

/** Field errors, most significant first in the order panels check them. */
export function fieldFailure(errors: readonly FieldError[]): string | QuantityOutOfRange {
  const first = [...errors].sort((a, b) => rank(a.field) - rank(b.field))[0];
  if (!first) return WIRE_ERRORS.incorrectRequest;
  switch (first.field) {
    case 'serviceId':
      return WIRE_ERRORS.incorrectService;
    case 'link':
      return WIRE_ERRORS.incorrectLink;
    case 'quantity':
      // Missing is a malformed request (as panels answer); a number below 1 is below any minimum.
      if (/is required/.test(first.message)) return WIRE_ERRORS.incorrectRequest;
      if (/not accepted/.test(first.message)) return incorrectField('quantity');
      return { quantity: 'below_min' };
    case 'runs':
      if (/drip-feed/.test(first.message)) return WIRE_ERRORS.dripFeedUnsupported;
      return incorrectField('runs');
    default:
      return incorrectField(first.field);
  }
}

/** `Incorrect <wire field name, underscores as spaces>`, e.g. `Incorrect answer number`. */
export function incorrectField(field: string): string {
  const wire = (WIRE_FIELD_NAMES as Record<string, string>)[field as AddOrderField] ?? field;
  return `Incorrect ${wire.replace(/_/g, ' ')}`;
}

const FIELD_ORDER = ['serviceId', 'link'];
const LAST = ['quantity', 'runs', 'interval'];

function rank(field: string): number {
  const early = FIELD_ORDER.indexOf(field);
  if (early >= 0) return early;
  const late = LAST.indexOf(field);
  return late >= 0 ? 100 + late : 10;
}

function noEligibleOffer(reasons: unknown): string | QuantityOutOfRange {
  const list = Array.isArray(reasons) ? (reasons as unknown[]) : [];
  const below = list.includes('quantity_below_min');
  const above = list.includes('quantity_above_max');
  if (below && above) return { quantity: 'out_of_range' };
  if (below) return { quantity: 'below_min' };
  if (above) return { quantity: 'above_max' };
  return WIRE_ERRORS.incorrectService;
}

/**
 * Refused upstream where no other upstream would take it, with its meaning: the reason's
 * canonical message; a refusal about our accounts there (their funds, limits, keys, stale
 * catalogs) is "temporarily unavailable", since a retry can succeed once they are fixed; anything
 * else the upstream's own message, so the caller classifies it as we did.
 */
function rejected(error: DomainError): string {
  const message = error.extensions['message'];
  switch (error.extensions['reason']) {
    case 'bad_link':
      return WIRE_ERRORS.incorrectLink;
    case 'duplicate_active_order':
      return WIRE_ERRORS.activeOrder;
    case 'not_eligible':
    case 'other':
      return typeof message === 'string' ? message : error.detail;
    default:
      return WIRE_ERRORS.unavailable;
  }
}

/** Every upstream refused the quantity: their limit, in the panel's words (a retry cannot pass). */
function upstreamQuantity(error: DomainError): string {
  const { min, max } = error.extensions;
  if (typeof min === 'number') return quantityBelow(min);
  if (typeof max === 'number') return quantityAbove(max);
  return WIRE_ERRORS.incorrectRequest;
}

/** Refill and cancel refusals by the gateway's code. */
export function followUpFailure(
  code: string | undefined,
  detail: string | undefined,
  action: 'refill' | 'cancel',
): string {
  switch (code) {
    case 'not_found':
      return WIRE_ERRORS.incorrectOrder;
    case 'refill_not_supported':
    case 'cancel_not_supported':
    case 'order_not_eligible':
      return action === 'refill' ? WIRE_ERRORS.refillNotEligible : WIRE_ERRORS.cancelNotEligible;
    case 'upstreams_unavailable':
      return WIRE_ERRORS.unavailable;
    default:
      return detail ?? WIRE_ERRORS.incorrectRequest;
  }
}
