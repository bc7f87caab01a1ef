/**
 * An object whose keys keep the order they were given in when answered as JSON. A plain object
 * cannot: JavaScript lists integer-like keys ("14", "2", "7") in ascending order, while a panel
 * answers a multi-id `status` keyed in the order the ids were asked.
 */
export class OrderedObject {
  constructor(readonly entries: ReadonlyArray<readonly [string, unknown]>) {}
}

/** JSON text of a reply body; OrderedObjects (at any depth) keep their key order. */
export function toWireJson(value: unknown): string {
  if (value instanceof OrderedObject) {
    let out = '';
    for (const [key, v] of value.entries)
      out += `${out ? ',' : ''}${JSON.stringify(key)}:${toWireJson(v)}`;
    return `{${out}}`;
  }
  if (Array.isArray(value)) return `[${value.map((v) => toWireJson(v ?? null)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    // The common case (a status, a service): only primitives inside, so JSON.stringify is exact.
    if (isFlat(value)) return JSON.stringify(value);
    const members = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([key, v]) => `${JSON.stringify(key)}:${toWireJson(v)}`);
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** A plain object whose own values are all strings, numbers, booleans, null or undefined. */
function isFlat(value: object): boolean {
  if (Object.getPrototypeOf(value) !== Object.prototype) return false;
  for (const key in value) {
    const v = (value as Record<string, unknown>)[key];
    if (v !== null && typeof v === 'object') return false;
    if (typeof v === 'function' || typeof v === 'symbol' || typeof v === 'bigint') return false;
  }
  return true;
}
