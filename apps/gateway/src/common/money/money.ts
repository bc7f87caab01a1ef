import { Decimal } from 'decimal.js';
import { DomainError } from '../errors/domain-error.js';

/**
 * THE money module: how the gateway stores, parses, computes, rounds and shows money. Money is
 * exact decimal end to end (decimal.js, decimal strings on the wire, NUMERIC / canonical TEXT in
 * the database); no float ever holds a rate, a charge or a balance.
 */

/** Decimals a money column keeps: numeric(38,12) on PostgreSQL, canonical text on SQLite. */
export const STORED_DECIMALS = 12;

/**
 * Decimals of the amounts partners see and pay: their rates, charges and refunds (the ledger).
 * Rates and charges round UP here (the gateway never sells below cost because of rounding);
 * refunds round DOWN (a refund never exceeds what was charged).
 */
export const SHOWN_DECIMALS = 5;

/** Money as it crosses the API: a decimal string, never a JSON number (26 + 12 digits). */
export const MONEY_PATTERN = /^-?(0|[1-9]\d{0,25})(\.\d{1,12})?$/;
export const MONEY_EXAMPLE = '12.50000';

/**
 * Decimal arithmetic with headroom: 60 significant digits (far above numeric(38,12) and the
 * 27-decimal base costs of routing), so nothing rounds before a rule below says so; plain
 * notation in toString. Use it for every computation on money.
 */
export const Money = Decimal.clone({
  precision: 60,
  rounding: Decimal.ROUND_HALF_EVEN,
  toExpNeg: -100,
  toExpPos: 100,
});
export type Money = Decimal;

/** The largest magnitude a money column holds exactly (26 integer digits). */
export const MONEY_LIMIT = new Money('1e26');

/** Parses a money value, refusing anything a money column would not store exactly. */
export function money(value: Decimal.Value, what = 'amount'): Decimal {
  let parsed: Decimal;
  try {
    parsed = new Money(value);
  } catch {
    throw new DomainError('unprocessable', `${what} is not a decimal number.`);
  }
  if (
    !parsed.isFinite() ||
    parsed.decimalPlaces() > STORED_DECIMALS ||
    parsed.abs().gte(MONEY_LIMIT)
  ) {
    throw new DomainError(
      'unprocessable',
      `${what} must be finite, below 10^26 and have at most ${STORED_DECIMALS} decimals.`,
    );
  }
  return parsed;
}

/** The canonical text of a money value: no exponent, no trailing zeros ("10.5", "0", "-3"). */
export const canonical = (value: Decimal): string => value.toFixed();

/** A value as a money column stores it: at most 12 decimals (half up), canonical text. */
export const toStored = (value: Decimal.Value): string =>
  new Money(value).toDecimalPlaces(STORED_DECIMALS, Decimal.ROUND_HALF_UP).toFixed();

/** A rate or charge as partners see and pay it: rounded up (towards +∞) at 5 decimals. */
export const roundUpShown = (value: Decimal): Decimal =>
  new Money(value).toDecimalPlaces(SHOWN_DECIMALS, Decimal.ROUND_CEIL);

/** A refund as partners get it: rounded down at 5 decimals, never more than was charged. */
export const roundDownShown = (value: Decimal): Decimal =>
  new Money(value).toDecimalPlaces(SHOWN_DECIMALS, Decimal.ROUND_DOWN);
