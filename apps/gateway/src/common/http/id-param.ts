import {
  createParamDecorator,
  Param,
  type ExecutionContext,
  type PipeTransform,
} from '@nestjs/common';
import { ApiNotFoundResponse, ApiParam } from '@nestjs/swagger';
import { applyDecorators } from '@nestjs/common';
import { DomainError, ValidationFailedError } from '../errors/domain-error.js';
import { MAX_ID } from './id-range.js';
import { ProblemDto } from './problem.dto.js';

/**
 * A path id: plain decimal digits within the column's range. Anything else (`0x1`, `1%20`, `01`,
 * `-1`, `99999999999`) names no row, so it is answered exactly like a missing id: 404. Read from
 * the raw path (a custom parameter decorator), because the global ValidationPipe would already
 * have turned `0x1` into 1 for a `number` parameter.
 */
export function parsePathId(value: unknown, name: string): number {
  const id = typeof value === 'string' && /^[1-9]\d{0,9}$/.test(value) ? Number(value) : NaN;
  if (!(id <= MAX_ID)) throw new DomainError('not_found', `No ${name} matches the path.`);
  return id;
}

/** `@IdParam()` reads `:id` (or the named parameter) as a validated integer id. */
export const IdParam = createParamDecorator((name: string | undefined, ctx: ExecutionContext) => {
  const field = name ?? 'id';
  const params = ctx.switchToHttp().getRequest<{ params?: Record<string, unknown> }>().params;
  return parsePathId(params?.[field], field);
});

/**
 * Documents an integer path parameter (Swagger cannot infer it from a custom pipe) and the 404
 * for an id that does not exist or, on partner routes, belongs to another partner.
 */
export const ApiIdParam = (name: string, description: string): MethodDecorator & ClassDecorator =>
  applyDecorators(
    ApiParam({ name, type: Number, description }),
    ApiNotFoundResponse({ description: `not_found: unknown ${description}`, type: ProblemDto }),
  );

/** Path text that must match a pattern; a mismatch is a field-level 400 naming the parameter. */
class PatternPipe implements PipeTransform<string, string> {
  constructor(
    private readonly field: string,
    private readonly pattern: RegExp,
    private readonly message: string,
  ) {}

  transform(value: string): string {
    if (!this.pattern.test(value)) {
      throw new ValidationFailedError([{ field: this.field, message: this.message }]);
    }
    return value;
  }
}

/** `@PatternParam('code', /^[A-Z]{3}$/, 'code must be …')` reads a validated path parameter. */
export const PatternParam = (name: string, pattern: RegExp, message: string): ParameterDecorator =>
  Param(name, new PatternPipe(name, pattern, message));
