import { Param, type PipeTransform } from '@nestjs/common';
import { ValidationFailedError } from '../common/errors/domain-error.js';

const MAX_ID = 2_147_483_647;

/** Path ids are positive 32-bit integers; anything else is a field-level 400, never a 500. */
class ParseIdPipe implements PipeTransform<string, number> {
  constructor(private readonly field: string) {}

  transform(value: string): number {
    const id = /^[1-9]\d{0,9}$/.test(value) ? Number(value) : NaN;
    if (!(id <= MAX_ID)) {
      throw new ValidationFailedError([
        { field: this.field, message: `${this.field} must be a positive integer` },
      ]);
    }
    return id;
  }
}

/** `@IdParam()` reads `:id` (or the named parameter) as a validated integer id. */
export const IdParam = (name = 'id'): ParameterDecorator => Param(name, new ParseIdPipe(name));

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
