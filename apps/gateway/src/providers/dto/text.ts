import { Matches } from 'class-validator';

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NO_CONTROL = /^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$/;

/**
 * Text that both engines store as given: no NUL (PostgreSQL text refuses it) and no other
 * control characters except tab and line breaks.
 */
export const CleanText = (): PropertyDecorator =>
  Matches(NO_CONTROL, {
    message: ({ property }) => `${property} must not contain control characters`,
  });

/** An identifier-like value: printable, no spaces, no control characters. */
export const Token = (max: number): PropertyDecorator =>
  Matches(new RegExp(`^[\\x21-\\x7e\\u00a0-\\uffff]{1,${max}}$`), {
    message: ({ property }) =>
      `${property} must be 1 to ${max} printable characters without spaces`,
  });
