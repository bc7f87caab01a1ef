import { applyDecorators, HttpCode, type Type } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { RequireScopes } from '../auth/auth.decorators.js';
import type { Scope } from '../auth/scopes.js';
import { ProblemDto } from '../common/http/problem.dto.js';

export interface EndpointOptions {
  summary: string;
  /** Default `admin`. */
  scope?: Scope;
  /** The success body; omit for none. */
  type?: Type<unknown>;
  isArray?: boolean;
  /** Default 200. */
  status?: number;
  /** Problem responses beyond 401/403 to document, by status, with what they mean. */
  problems?: Partial<Record<400 | 404 | 409 | 422 | 502, string>>;
}

/**
 * One decorator per endpoint of the providers, catalog and routing features: scope, status,
 * summary and documented responses (operationIds are the handler names, see openapi.ts).
 */
export function Endpoint(options: EndpointOptions): MethodDecorator {
  const status = options.status ?? 200;
  const problems = options.problems ?? {};
  const decorators: Array<MethodDecorator | ClassDecorator> = [
    RequireScopes(options.scope ?? 'admin'),
    HttpCode(status),
    ApiOperation({ summary: options.summary }),
    ApiResponse({ status, type: options.type, isArray: options.isArray, description: 'Success' }),
  ];
  if (problems[400]) {
    decorators.push(ApiBadRequestResponse({ description: problems[400], type: ProblemDto }));
  }
  if (problems[404]) {
    decorators.push(ApiNotFoundResponse({ description: problems[404], type: ProblemDto }));
  }
  if (problems[409]) {
    decorators.push(ApiResponse({ status: 409, description: problems[409], type: ProblemDto }));
  }
  if (problems[422]) {
    decorators.push(
      ApiUnprocessableEntityResponse({ description: problems[422], type: ProblemDto }),
    );
  }
  if (problems[502]) {
    decorators.push(ApiResponse({ status: 502, description: problems[502], type: ProblemDto }));
  }
  return applyDecorators(...decorators);
}
