import { Decimal } from 'decimal.js';

/**
 * Money arithmetic for the simulator. A private Decimal with a wide precision, so that a balance
 * like 123456789.12345 minus a charge of 0.00001 stays exact (the default 20 digits is too tight).
 */
export const Money = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_HALF_UP });
export type Money = InstanceType<typeof Money>;

/** Panels emit money with up to 5 decimals: computed charges and refunds are rounded to that. */
export const MONEY_DECIMALS = 5;

const DECIMAL_TEXT = /^-?\d+(\.\d+)?$/;

/** Parses a decimal string (or a safe integer); undefined when it is not one. */
export function parseMoney(value: unknown): Money | undefined {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return new Money(value);
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  return DECIMAL_TEXT.test(text) ? new Money(text) : undefined;
}

/** Rounds a computed amount to the panel's 5 decimals (half up). */
export function roundMoney(value: Money): Money {
  return value.toDecimalPlaces(MONEY_DECIMALS, Decimal.ROUND_HALF_UP);
}

/** Plain decimal text without exponent or trailing zeros: "0.27819", "1000", "0.00001". */
export function formatMoney(value: Money): string {
  return value.toFixed();
}
