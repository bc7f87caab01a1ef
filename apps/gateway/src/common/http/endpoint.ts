import { applyDecorators, HttpCode, type Type } from '@nestjs/common';
import { ApiExtraModels, ApiOperation, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { Public, RequirePartner, RequireScopes } from '../../auth/auth.decorators.js';
import type { Scope } from '../../auth/scopes.js';
import { ERROR_CATALOG, type ErrorCode } from '../errors/error-codes.js';
import { problemExample } from './problem-examples.js';
import { ProblemDto } from './problem.dto.js';

/** The error codes a handler can answer, each with when it does (the example's detail). */
export type EndpointErrors = Partial<Record<ErrorCode, string>>;

export interface EndpointOptions {
  /** One line: what the operation does (the operationId is the handler's name). */
  summary: string;
  /** Longer notes shown under the summary. */
  description?: string;
  /** The success status; 200 when absent. */
  status?: number;
  /** The success body (omit for 204); `[Dto]` for an array. */
  type?: Type<unknown> | [Type<unknown>];
  /** A success body that is one of several shapes (instead of `type`). */
  oneOf?: Type<unknown>[];
  /** Other media types the success body is also served as (text, by `Accept`), e.g. text/csv. */
  alsoAs?: string[];
  /**
   * Who may call: `{ partner: scope }` a partner's token holding the scope; `{ scope }` any token
   * holding it; `'token'` any valid token; `'public'` no token. Omitted: what the controller
   * declares (admin controllers: the `admin` scope).
   */
  auth?: { partner: Scope } | { scope: Scope } | 'token' | 'public';
  /**
   * Errors beyond the ones every route can answer (400 for invalid input, 401, 403, 429), by code:
   * documented per status, each code as its own example from the error catalog.
   */
  errors?: EndpointErrors;
}

/**
 * The one way a REST handler is declared: status, summary, success type, who may call, and the
 * problem responses of the error codes it can answer, with examples. Each handler then reads in
 * a few lines. Conventions that hold for every route (problem+json, 400 for input, an example per
 * error status) are applied to the whole document in openapi-conventions.ts.
 */
export function Endpoint(options: EndpointOptions): MethodDecorator {
  const status = options.status ?? 200;
  const [type, isArray] = Array.isArray(options.type)
    ? [options.type[0], true]
    : [options.type, false];
  const decorators: MethodDecorator[] = [
    HttpCode(status),
    ApiOperation({ summary: options.summary, description: options.description }),
    ...successResponse(options, status, type, isArray),
    ...authDecorators(options.auth),
    ...errorResponses(options.errors ?? {}),
  ];
  return applyDecorators(...decorators);
}

function successResponse(
  options: EndpointOptions,
  status: number,
  type: Type<unknown> | undefined,
  isArray: boolean,
): MethodDecorator[] {
  if (options.oneOf) {
    const oneOf = options.oneOf.map((model) => ({ $ref: getSchemaPath(model) }));
    return [
      ApiExtraModels(...options.oneOf),
      ApiResponse({ status, description: 'Success', schema: { oneOf } }),
    ];
  }
  if (options.alsoAs && type) {
    const others = Object.fromEntries(
      options.alsoAs.map((media) => [media, { schema: { type: 'string' as const } }]),
    );
    return [
      ApiExtraModels(type),
      ApiResponse({
        status,
        description: `JSON by default; ${options.alsoAs.join(', ')} with \`Accept\``,
        content: { 'application/json': { schema: { $ref: getSchemaPath(type) } }, ...others },
      }),
    ];
  }
  return [ApiResponse({ status, type, isArray, description: 'Success' })];
}

function authDecorators(auth: EndpointOptions['auth']): MethodDecorator[] {
  if (auth === undefined) return [];
  if (auth === 'public') return [Public()];
  if (auth === 'token') return [RequireScopes()];
  return 'partner' in auth ? [RequirePartner(auth.partner)] : [RequireScopes(auth.scope)];
}

/** One documented response per status, listing its codes, each code an example. */
function errorResponses(declared: EndpointErrors): MethodDecorator[] {
  // A handler's own 400 codes come on top of the validation every input gets.
  const has400 = Object.keys(declared).some((c) => ERROR_CATALOG[c as ErrorCode].status === 400);
  const errors: EndpointErrors = has400
    ? { validation_failed: 'a value is invalid (`errors` names each field)', ...declared }
    : declared;
  const byStatus = new Map<number, [ErrorCode, string][]>();
  for (const [code, when] of Object.entries(errors) as [ErrorCode, string][]) {
    const status = ERROR_CATALOG[code].status;
    byStatus.set(status, [...(byStatus.get(status) ?? []), [code, when]]);
  }
  return [...byStatus].map(([status, codes]) =>
    ApiResponse({
      status,
      type: ProblemDto,
      description: codes.map(([code, when]) => `\`${code}\`: ${when}`).join('; '),
      examples: Object.fromEntries(
        codes.map(([code, when]) => [code, { summary: when, value: problemExample(code, when) }]),
      ),
    }),
  );
}
