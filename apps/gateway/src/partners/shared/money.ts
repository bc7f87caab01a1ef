import { Decimal } from 'decimal.js';
import { DomainError } from '../../common/errors/domain-error.js';

/**
 * Money as it crosses the API: a decimal string, never a JSON number. Up to 26 integer digits
 * and 12 decimals, which is what a numeric(38,12) column holds exactly on PostgreSQL.
 */
export const MONEY_PATTERN = /^-?(0|[1-9]\d{0,25})(\.\d{1,12})?$/;
export const MONEY_EXAMPLE = '12.50000';

/** Decimal arithmetic with headroom: 60 significant digits, so nothing rounds before we say so. */
export const Money = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_HALF_EVEN });
export type Money = Decimal;

const LIMIT = new Money('1e26');

/** Parses a money value, refusing anything a money column would not store exactly. */
export function money(value: Decimal.Value, what = 'amount'): Decimal {
  let parsed: Decimal;
  try {
    parsed = new Money(value);
  } catch {
    throw new DomainError('unprocessable', `${what} is not a decimal number.`);
  }
  if (!parsed.isFinite() || parsed.decimalPlaces() > 12 || parsed.abs().gte(LIMIT)) {
    throw new DomainError(
      'unprocessable',
      `${what} must be finite, below 10^26 and have at most 12 decimals.`,
    );
  }
  return parsed;
}

/** The canonical text of a money value: no exponent, no trailing zeros ("10.5", "0", "-3"). */
export const canonical = (value: Decimal): string => value.toFixed();
