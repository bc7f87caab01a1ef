import { Matches } from 'class-validator';

import { CONTROL_CHARACTER } from '../../common/text/control-characters.js';

const NO_CONTROL = new RegExp(`^[^${CONTROL_CHARACTER.source.slice(1, -1)}]*$`);

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
