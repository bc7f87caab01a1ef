import { Param, type PipeTransform } from '@nestjs/common';
import { ApiNotFoundResponse, ApiParam } from '@nestjs/swagger';
import { applyDecorators } from '@nestjs/common';
import { ValidationFailedError } from '../errors/domain-error.js';
import { ProblemDto } from './problem.dto.js';

const MAX_ID = 2_147_483_647;

/** A path id: a positive integer; anything else is a 400 naming the parameter. */
class IdPipe implements PipeTransform<string, number> {
  constructor(private readonly name: string) {}

  transform(value: string): number {
    const id = /^[1-9]\d{0,9}$/.test(value) ? Number(value) : NaN;
    if (!(id <= MAX_ID)) {
      throw new ValidationFailedError([
        { field: this.name, message: `${this.name} must be a positive integer` },
      ]);
    }
    return id;
  }
}

/** `@IdParam()` reads `:id` (or the named parameter) as a validated integer id. */
export const IdParam = (name = 'id'): ParameterDecorator => Param(name, new IdPipe(name));

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
