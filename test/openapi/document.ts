import { isDeepStrictEqual } from 'node:util';
import type { OpenAPIV3 } from 'openapi-types';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

export interface Operation {
  /** `GET /v1/orders/{id}`, for assertion messages. */
  readonly key: string;
  readonly path: string;
  readonly operation: OpenAPIV3.OperationObject;
}

export function operationsOf(document: OpenAPIV3.Document): Operation[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.flatMap((method) => {
      const operation = item?.[method];
      return operation ? [{ key: `${method.toUpperCase()} ${path}`, path, operation }] : [];
    }),
  );
}

/** Where two documents differ, by operation and schema (at most 10 places), for a short message. */
export function driftBetween(
  committed: OpenAPIV3.Document,
  generated: OpenAPIV3.Document,
): string[] {
  const places = new Map<string, [unknown, unknown]>();
  const keysOf = (a: object = {}, b: object = {}) =>
    new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const path of keysOf(committed.paths, generated.paths)) {
    places.set(`paths ${path}`, [committed.paths[path], generated.paths[path]]);
  }
  const [was, now] = [committed.components?.schemas, generated.components?.schemas];
  for (const name of keysOf(was, now)) places.set(`schema ${name}`, [was?.[name], now?.[name]]);
  const rest = (d: OpenAPIV3.Document) => ({
    ...d,
    paths: undefined,
    components: { ...d.components, schemas: undefined },
  });
  places.set('info, tags, security schemes', [rest(committed), rest(generated)]);

  const drift = [...places].filter(([, [a, b]]) => !isDeepStrictEqual(a, b)).map(([at]) => at);
  if (drift.length === 0) return ['formatting or key order only'];
  return drift.length > 10 ? [...drift.slice(0, 10), `${drift.length - 10} more`] : drift;
}
