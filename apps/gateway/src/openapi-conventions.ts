import { STATUS_CODES } from 'node:http';
import { DEFAULT_PROBLEMS, problemExample } from './common/http/problem-examples.js';
import type {
  OpenAPIObject,
  OperationObject,
  PathItemObject,
  ReferenceObject,
  ResponseObject,
  ResponsesObject,
} from '@nestjs/swagger';

const PROBLEM_MEDIA_TYPE = 'application/problem+json';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

const INVALID_INPUT =
  'Invalid request: validation_failed (errors names each field), malformed_json, or another 400 code';

/**
 * Writes into the document what holds for every route because it holds for the whole app, so
 * controllers need not repeat it and the generated client sees it:
 * - every error (4xx/5xx) leaves the ProblemFilter as application/problem+json, a problem schema;
 * - every operation that takes input can answer 400 (the global validation pipe, id pipes);
 * - every error response shows at least one example problem of its status from the error catalog
 *   (the handler's own, declared with @Endpoint, or what the guard, pipe or filter answers);
 * - every response has a description (the reason phrase when a decorator gave none);
 * - every `{parameter}` of a path is declared (ids as integers, the rest as text), and an
 *   operation that needs no token says so (`security: []`).
 * Paths (and methods in them), schemas and responses are sorted, so the checked-in document diffs
 * by meaning rather than by module order; everything else keeps its declaration order.
 */
export function applyDocumentConventions(
  document: OpenAPIObject,
  problemSchema: ReferenceObject,
): OpenAPIObject {
  const paths: Record<string, PathItemObject> = {};
  for (const path of Object.keys(document.paths).sort()) {
    paths[path] = withOperations(document.paths[path]!, (operation) =>
      conventionalOperation(withPathParameters(path, operation), problemSchema),
    );
  }
  const schemas = document.components?.schemas;
  return {
    ...document,
    paths,
    ...(document.components && {
      components: { ...document.components, ...(schemas && { schemas: sortKeys(schemas) }) },
    }),
  };
}

/** Declares the path's parameters a handler read through its own decorator (IdParam, PatternParam). */
function withPathParameters(path: string, operation: OperationObject): OperationObject {
  const declared = new Set(
    (operation.parameters ?? []).flatMap((p) => ('in' in p && p.in === 'path' ? [p.name] : [])),
  );
  const missing = [...path.matchAll(/\{([^}]+)\}/g)]
    .map((m) => m[1]!)
    .filter((name) => !declared.has(name));
  return {
    ...operation,
    ...(operation.security === undefined ? { security: [] } : {}),
    parameters: [
      ...(operation.parameters ?? []),
      ...missing.map((name) => ({
        name,
        in: 'path' as const,
        required: true,
        schema:
          name === 'id' ? { type: 'integer' as const, minimum: 1 } : { type: 'string' as const },
      })),
    ],
  };
}

function conventionalOperation(
  operation: OperationObject,
  problemSchema: ReferenceObject,
): OperationObject {
  const takesInput = Boolean(operation.parameters?.length || operation.requestBody);
  const responses: ResponsesObject = { ...operation.responses };
  if (takesInput && !responses['400']) responses['400'] = { description: INVALID_INPUT };
  const sorted: ResponsesObject = {};
  for (const status of Object.keys(responses).sort()) {
    const response = responses[status]!;
    sorted[status] =
      '$ref' in response ? response : conventionalResponse(status, response, problemSchema);
  }
  return { ...operation, responses: sorted };
}

function conventionalResponse(
  status: string,
  response: ResponseObject,
  problemSchema: ReferenceObject,
): ResponseObject {
  const description = response.description || STATUS_CODES[status] || status;
  if (!/^[45]/.test(status)) return { ...response, description };
  const declared = response.content && Object.values(response.content)[0];
  const fallback = DEFAULT_PROBLEMS[status];
  const examples =
    declared?.examples ??
    (fallback && {
      [fallback.code]: {
        summary: fallback.detail,
        value: problemExample(fallback.code, fallback.detail),
      },
    });
  return {
    ...response,
    description,
    content: {
      [PROBLEM_MEDIA_TYPE]: {
        schema: declared?.schema ?? problemSchema,
        ...(examples && { examples }),
      },
    },
  };
}

function withOperations(
  item: PathItemObject,
  change: (operation: OperationObject) => OperationObject,
): PathItemObject {
  const result: PathItemObject = Object.fromEntries(
    Object.entries(item).filter(([key]) => !(METHODS as readonly string[]).includes(key)),
  );
  for (const method of METHODS) {
    const operation = item[method];
    if (operation) result[method] = change(operation);
  }
  return result;
}

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(
    Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );
}
