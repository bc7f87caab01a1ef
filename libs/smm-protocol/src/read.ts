import { Decimal } from 'decimal.js';
import { SmmParseError } from './errors.js';

/**
 * Readers for single wire values. Panels send numbers as JSON numbers or as strings (and
 * decodeJson turns every JSON number into its exact source text), so each reader accepts both.
 * Anything else is an SmmParseError naming the path: never a guessed default.
 */

export type JsonObject = Record<string, unknown>;

const DECIMAL_TEXT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;
const DIGITS = /^\d{1,20}$/;
const SERVICE_ID = /^[A-Za-z0-9_.:-]{1,64}$/;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function describe(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : String(JSON.stringify(value));
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

function fail(path: string, expected: string, value: unknown): never {
  throw new SmmParseError(path, `expected ${expected}, got ${describe(value)}`);
}

/** An exact decimal (money). A JSON number is read from its text, never through a float. */
export function readDecimal(value: unknown, path: string): Decimal {
  return toDecimal(value) ?? fail(path, 'a decimal number', value);
}

function toDecimal(value: unknown): Decimal | null {
  if (typeof value === 'number') return Number.isFinite(value) ? new Decimal(String(value)) : null;
  if (typeof value === 'string' && DECIMAL_TEXT.test(value.trim()))
    return new Decimal(value.trim());
  return null;
}

/** An integer (a count), written 157, "157" or "157.00". */
export function readInteger(value: unknown, path: string): number {
  const decimal = toDecimal(value);
  if (!decimal?.isInteger()) return fail(path, 'an integer', value);
  const n = decimal.toNumber();
  if (!Number.isSafeInteger(n)) fail(path, 'an integer within the safe range', value);
  return n;
}

export function readCount(value: unknown, path: string): number {
  const n = readInteger(value, path);
  if (n < 0) fail(path, 'a non-negative integer', value);
  return n;
}

/**
 * A count a panel reports about an order (start_count, remains): an integer, possibly negative
 * (over-delivery) and possibly huge (view counters). Anything that is not an integer JavaScript
 * holds exactly ("Unknown", garbage, fractions, beyond ±2^53) is unknown (null), never an error:
 * the order's status is still usable.
 */
export function readReportedCount(value: unknown): number | null {
  if (isAbsent(value)) return null;
  const decimal = toDecimal(value);
  if (!decimal?.isInteger()) return null;
  const n = decimal.toNumber();
  return Number.isSafeInteger(n) ? n : null;
}

/** Absent, null and empty string mean "the panel did not say". */
export function isAbsent(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && !value.trim());
}

/** A capability flag: true/false, 1/0, "1"/"0", "true"/"false", "yes"/"no"; null when absent. */
export function readFlag(value: unknown, path: string): boolean | null {
  if (isAbsent(value)) return null;
  if (typeof value === 'boolean') return value;
  const text = String(value).trim().toLowerCase();
  if (text === '1' || text === 'true' || text === 'yes') return true;
  if (text === '0' || text === 'false' || text === 'no') return false;
  return fail(path, 'a flag (0/1, true/false)', value);
}

/** Free text; numbers are accepted (some panels send numeric names or categories). */
export function readText(value: unknown, path: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return fail(path, 'a string', value);
}

/**
 * A localized text: a string, or an object of translations (`{"en": "...", "ru": "..."}`) from
 * which English is preferred, else the first string.
 */
export function readLocalizedText(value: unknown, path: string): string {
  if (isObject(value)) {
    const english = value['en'];
    if (typeof english === 'string') return english;
    const first = Object.values(value).find((v) => typeof v === 'string');
    if (typeof first === 'string') return first;
    return fail(path, 'a string or an object of translations', value);
  }
  return readText(value, path);
}

/** An upstream service id, kept as a string: 1 and "1" both become "1". */
export function readServiceId(value: unknown, path: string): string {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return String(value);
  if (typeof value === 'string' && SERVICE_ID.test(value.trim())) {
    return DIGITS.test(value.trim()) ? stripZeros(value.trim()) : value.trim();
  }
  return fail(path, 'a service id', value);
}

/**
 * An order or refill id: a positive integer as a number or a string of digits, normalized to a
 * string without leading zeros. Digits only, so a bare error string can never pass for an id.
 */
export function readUpstreamId(value: unknown, path: string): string {
  const id = toUpstreamId(value);
  return id ?? fail(path, 'an order or refill id (a positive integer)', value);
}

/** The normalized id, or null when the value is not one. */
export function toUpstreamId(value: unknown): string | null {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) return null;
    text = String(value);
  } else if (typeof value === 'string') {
    text = value.trim();
  } else {
    return null;
  }
  if (!DIGITS.test(text)) return null;
  const id = stripZeros(text);
  return id === '0' ? null : id;
}

function stripZeros(digits: string): string {
  return digits.replace(/^0+(?=\d)/, '');
}

/** A currency code, upper-cased; null when absent. */
export function readCurrency(value: unknown, path: string): string | null {
  if (isAbsent(value)) return null;
  const text = readText(value, path).trim().toUpperCase();
  if (!/^[A-Z0-9]{1,10}$/.test(text)) return fail(path, 'a currency code', value);
  return text;
}
