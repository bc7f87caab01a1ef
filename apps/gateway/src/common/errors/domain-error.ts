import type { ErrorCode } from './error-codes.js';

export interface FieldError {
  /** Dotted path of the offending field, e.g. `offers.0.providerId`. */
  readonly field: string;
  readonly message: string;
}

/**
 * An error the domain raises on purpose. It names a stable code; the problem filter turns it
 * into application/problem+json with the code's HTTP status.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly detail: string,
    /** Extra members for the problem document (must never contain secrets). */
    readonly extensions: Record<string, unknown> = {},
    /** Extra response headers, e.g. Retry-After. */
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
    this.name = 'DomainError';
  }
}

export class ValidationFailedError extends DomainError {
  constructor(readonly errors: FieldError[]) {
    super('validation_failed', describe(errors), { errors });
  }
}

function describe(errors: FieldError[]): string {
  const fields = [...new Set(errors.map((e) => e.field))];
  return `The request has ${errors.length} invalid value${errors.length === 1 ? '' : 's'}: ${fields.join(', ')}.`;
}

export const notFound = (what: string, id: string | number): DomainError =>
  new DomainError('not_found', `${what} ${id} does not exist.`);
