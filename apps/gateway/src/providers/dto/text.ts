import { Matches } from 'class-validator';

/**
 * Text that both engines store as given: no NUL (PostgreSQL text refuses it) and no other
 * control characters except tab and line breaks.
 */
// Built from a string: a regex literal with control characters trips no-control-regex.
const CONTROL = new RegExp('^[^\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f]*$');

export const CleanText = (): PropertyDecorator =>
  Matches(CONTROL, {
    message: ({ property }) => `${property} must not contain control characters`,
  });

/** An identifier-like value: printable, no spaces, no control characters. */
export const Token = (max: number): PropertyDecorator =>
  Matches(new RegExp(`^[\\x21-\\x7e\\u00a0-\\uffff]{1,${max}}$`), {
    message: ({ property }) =>
      `${property} must be 1 to ${max} printable characters without spaces`,
  });
