import type { Decimal } from 'decimal.js';
import { SmmParseError } from './errors.js';
import { classifyUpstreamError, type RejectionReason, type SmmNonSuccess } from './outcome.js';
import {
  describe,
  isAbsent,
  isObject,
  readCurrency,
  readDecimal,
  readFlag,
  readReportedCount,
  readUpstreamId,
  toUpstreamId,
  type JsonObject,
} from './read.js';
import {
  isKnownRefillStatusText,
  normalizeOrderStatus,
  normalizeRefillStatus,
  type OrderStatus,
  type RefillStatus,
} from './statuses.js';

/**
 * Parsers for the success answers of every action but `services`. Each takes decoded JSON (see
 * decodeJson) after the caller has ruled out a top-level `{"error": ...}`, and either returns
 * normalized values or throws SmmParseError. Multi-id answers never throw for one bad entry:
 * each id gets its own result.
 */

export interface PlacedOrder {
  readonly orderId: string;
}

export interface PlacedRefill {
  readonly refillId: string;
}

export interface OrderStatusInfo {
  readonly status: OrderStatus;
  /** The panel's own text, e.g. "In progress" or an unknown "Queued". */
  readonly rawStatus: string;
  readonly charge: Decimal | null;
  readonly startCount: number | null;
  /** Negative on over-delivery; null when the panel says "Unknown" or nothing. */
  readonly remains: number | null;
  readonly currency: string | null;
}

export interface RefillStatusInfo {
  readonly status: RefillStatus;
  readonly rawStatus: string;
}

export interface Balance {
  readonly balance: Decimal;
  readonly currency: string | null;
}

/** One id's share of a multi-id call. */
export type PerIdResult<T> =
  | { readonly kind: 'ok'; readonly value: T }
  /** The upstream answered an error for this id (e.g. "Incorrect order ID"). */
  | { readonly kind: 'error'; readonly reason: RejectionReason; readonly message: string }
  /** The upstream's entry for this id is missing or not understood. */
  | { readonly kind: 'invalid'; readonly message: string }
  /** The call carrying this id got no usable answer (set by the client, never by the parsers). */
  | { readonly kind: 'unanswered'; readonly outcome: SmmNonSuccess };

export type PerIdResults<T> = Map<string, PerIdResult<T>>;

const ok = <T>(value: T): PerIdResult<T> => ({ kind: 'ok', value });
const perIdError = <T>(message: string): PerIdResult<T> => ({
  kind: 'error',
  reason: classifyUpstreamError(message),
  message,
});

export function parseAddResponse(json: unknown): PlacedOrder {
  const body = object(json);
  // `{order, error}` together is not a clean answer either way: the caller treats it as ambiguous.
  if ('error' in body) throw new SmmParseError('error', 'an order id and an error together');
  return { orderId: readUpstreamId(body['order'], 'order') };
}

export function parseStatusResponse(json: unknown, path = ''): OrderStatusInfo {
  const body = object(json, path);
  const rawStatus = readStatusText(body['status'], join(path, 'status'));
  return {
    status: normalizeOrderStatus(rawStatus),
    rawStatus,
    charge: isAbsent(body['charge']) ? null : readDecimal(body['charge'], join(path, 'charge')),
    startCount: readReportedCount(body['start_count']),
    remains: readReportedCount(body['remains']),
    currency: readCurrency(body['currency'], join(path, 'currency')),
  };
}

/** `{"1": {status...}, "2": {"error": "Incorrect order ID"}, "3": "Incorrect order ID"}`. */
export function parseMultiStatusResponse(
  json: unknown,
  requested: readonly string[] = [],
): PerIdResults<OrderStatusInfo> {
  const results: PerIdResults<OrderStatusInfo> = new Map();
  for (const [key, entry] of Object.entries(object(json))) {
    const id = toUpstreamId(key) ?? key;
    results.set(
      id,
      perIdEntry(entry, (value) => parseStatusResponse(value, `[${key}]`)),
    );
  }
  return withMissing(results, requested);
}

export function parseRefillResponse(json: unknown): PlacedRefill {
  return { refillId: readUpstreamId(object(json)['refill'], 'refill') };
}

/** `[{"order":1,"refill":1},{"order":3,"refill":{"error":"Incorrect order ID"}}]`, keyed by order. */
export function parseMultiRefillResponse(
  json: unknown,
  requested: readonly string[] = [],
): PerIdResults<string> {
  return perIdList(json, 'order', 'refill', requested, (value, path) => {
    const id = toUpstreamId(value);
    if (id !== null) return ok(id);
    if (typeof value === 'string') return perIdError(value); // a bare error string
    throw new SmmParseError(path, `expected a refill id, got ${describe(value)}`);
  });
}

export function parseRefillStatusResponse(json: unknown, path = ''): RefillStatusInfo {
  const rawStatus = readStatusText(object(json, path)['status'], join(path, 'status'));
  return { status: normalizeRefillStatus(rawStatus), rawStatus };
}

/** `[{"refill":1,"status":"Completed"},{"refill":3,"status":{"error":"Refill not found"}}]`. */
export function parseMultiRefillStatusResponse(
  json: unknown,
  requested: readonly string[] = [],
): PerIdResults<RefillStatusInfo> {
  return perIdList(json, 'refill', 'status', requested, (value, path) => {
    const rawStatus = readStatusText(value, path);
    // A bare string in the status slot may be an error ("Refill not found"): a known status text
    // wins, then a recognizable error; anything else is an unknown status, kept raw.
    if (!isKnownRefillStatusText(rawStatus) && classifyUpstreamError(rawStatus) !== 'other') {
      return perIdError(rawStatus);
    }
    return ok({ status: normalizeRefillStatus(rawStatus), rawStatus });
  });
}

/** `[{"order":9,"cancel":{"error":"Incorrect order ID"}},{"order":2,"cancel":1}]`. */
export function parseCancelResponse(
  json: unknown,
  requested: readonly string[] = [],
): PerIdResults<true> {
  return perIdList(json, 'order', 'cancel', requested, (value, path) => {
    if (typeof value === 'string' && !/^\s*(0|1|true|false)\s*$/i.test(value)) {
      return perIdError(value);
    }
    const accepted = readFlag(value, path);
    if (accepted === null) throw new SmmParseError(path, 'missing');
    return accepted
      ? ok(true as const)
      : perIdError(`cancel refused (the upstream answered ${describe(value)})`);
  });
}

export function parseBalanceResponse(json: unknown): Balance {
  const body = object(json);
  return {
    balance: readDecimal(body['balance'], 'balance'),
    currency: readCurrency(body['currency'], 'currency'),
  };
}

function object(json: unknown, path = ''): JsonObject {
  if (!isObject(json)) throw new SmmParseError(path, `expected an object, got ${describe(json)}`);
  return json;
}

function join(path: string, field: string): string {
  return path ? `${path}.${field}` : field;
}

function readStatusText(value: unknown, path: string): string {
  if (typeof value !== 'string') {
    throw new SmmParseError(path, `expected a status text, got ${describe(value)}`);
  }
  return value.trim();
}

/** A multi-status entry: the status object, `{"error": "..."}` or a bare error string. */
function perIdEntry<T>(entry: unknown, parse: (value: unknown) => T): PerIdResult<T> {
  if (typeof entry === 'string') return perIdError(entry);
  return readPerId(entry, '', (value) => ok(parse(value)));
}

/** `{"error": "..."}` for this id, else the reader's verdict; what it cannot read is `invalid`. */
function readPerId<T>(
  value: unknown,
  path: string,
  readValue: (value: unknown, path: string) => PerIdResult<T>,
): PerIdResult<T> {
  if (isObject(value) && typeof value['error'] === 'string') return perIdError(value['error']);
  try {
    return readValue(value, path);
  } catch (error) {
    if (!(error instanceof SmmParseError)) throw error;
    return { kind: 'invalid', message: error.message };
  }
}

/** A list of `{<idField>: id, <valueField>: value}` entries, keyed by the normalized id. */
function perIdList<T>(
  json: unknown,
  idField: string,
  valueField: string,
  requested: readonly string[],
  readValue: (value: unknown, path: string) => PerIdResult<T>,
): PerIdResults<T> {
  if (!Array.isArray(json)) throw new SmmParseError('', `expected a list, got ${describe(json)}`);
  const results: PerIdResults<T> = new Map();
  json.forEach((entry: unknown, index) => {
    // An entry we cannot attribute to an id shows up below as that id missing.
    const id = isObject(entry) ? toUpstreamId(entry[idField]) : null;
    if (!isObject(entry) || id === null) return;
    const value = entry[valueField];
    // Some panels put the error beside the id instead of in the value slot.
    if (value === undefined && typeof entry['error'] === 'string') {
      results.set(id, perIdError(entry['error']));
    } else {
      results.set(id, readPerId(value, `[${index}].${valueField}`, readValue));
    }
  });
  return withMissing(results, requested);
}

function withMissing<T>(results: PerIdResults<T>, requested: readonly string[]): PerIdResults<T> {
  for (const id of requested) {
    if (!results.has(id))
      results.set(id, { kind: 'invalid', message: 'missing from the response' });
  }
  return results;
}
