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
    const members = value.entries.map(([key, v]) => `${JSON.stringify(key)}:${toWireJson(v)}`);
    return `{${members.join(',')}}`;
  }
  if (Array.isArray(value)) return `[${value.map((v) => toWireJson(v ?? null)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const members = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([key, v]) => `${JSON.stringify(key)}:${toWireJson(v)}`);
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
