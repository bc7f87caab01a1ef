/**
 * Reading API v2 request fields. A call's fields arrive as a form body, a query string or a JSON
 * object (body fields win over query fields, as on the panels); values are text, or numbers in
 * JSON. Pure: no Nest, no I/O.
 */

import { MAX_ID } from '../common/http/id-range.js';
import { controlCharacterPaths } from '../common/text/control-characters.js';

export type WireParams = Readonly<Record<string, unknown>>;

/** Status, refill, refill_status and cancel take at most this many ids per call. */
export const MAX_IDS = 100;

/**
 * The call's fields: query merged with body; null (Incorrect request) when the body is not an
 * object of fields or any field holds a control character.
 */
export function mergeParams(query: unknown, body: unknown): WireParams | null {
  if (body !== undefined && body !== null && !isPlainObject(body)) return null;
  // A NUL or other control character in any field: refused before anything is stored or sent.
  if (controlCharacterPaths(query).length > 0 || controlCharacterPaths(body).length > 0) {
    return null;
  }
  return { ...(isPlainObject(query) ? query : {}), ...(isPlainObject(body) ? body : {}) };
}

/**
 * A body the framework left as text (`text/plain`, as some clients label a form): read as a JSON
 * object when it is one, else as a form, as a panel reads `$_POST`/`php://input`. Other bodies
 * are returned as they are.
 */
export function readTextBody(body: unknown): unknown {
  if (typeof body !== 'string') return body;
  const trimmed = body.trim();
  if (trimmed.startsWith('{')) {
    try {
      return JSON.parse(trimmed) as unknown;
    } catch {
      return null;
    }
  }
  const fields: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(trimmed)) fields[name] = value;
  return fields;
}

/**
 * A field as trimmed text; undefined when absent, empty or not text. A repeated field keeps its
 * last value, as on a PHP panel (`action=services&action=balance` is `balance`).
 */
export function text(params: WireParams, name: string): string | undefined {
  const given = Object.hasOwn(params, name) ? params[name] : undefined;
  const value = Array.isArray(given) ? given.at(-1) : given;
  let raw: string | undefined;
  if (typeof value === 'string') raw = value;
  else if (typeof value === 'number' && Number.isFinite(value)) raw = String(value);
  const trimmed = raw?.trim();
  return trimmed ? trimmed : undefined;
}

/** A positive id (order, refill, service) from its text, or null. */
export function parseId(raw: string | undefined): number | null {
  if (raw === undefined || !/^\d{1,10}$/.test(raw)) return null;
  const id = Number(raw);
  return id >= 1 && id <= MAX_ID ? id : null;
}

/**
 * A comma-separated id list (`orders`, `refills`; a JSON array is accepted too), as the raw
 * entries in request order without blanks or repeats; undefined when absent or empty.
 */
export function idList(params: WireParams, name: string): string[] | undefined {
  const value = Object.hasOwn(params, name) ? params[name] : undefined;
  const raw = Array.isArray(value)
    ? value.filter((v) => typeof v === 'string' || typeof v === 'number').join(',')
    : text(params, name);
  const ids = [
    ...new Set(
      (raw ?? '')
        .split(',')
        .map((id) => id.trim())
        .filter((id) => id !== ''),
    ),
  ];
  return ids.length > 0 ? ids : undefined;
}

/** Multi answers echo an id as a number when it is one, as panels do. */
export const echoId = (raw: string): number | string => parseId(raw) ?? raw;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
