import type { Decimal } from 'decimal.js';
import { Money } from '../common/money/money.js';

/**
 * Exact decimal arithmetic for SQLite, which has no decimal type: money is TEXT there, and its
 * SUM, +, - and * would turn it into REAL (binary floating point) and round. These functions are
 * registered on every SQLite connection, so report queries aggregate in SQL — GROUP BY, filters
 * and indexes stay in the engine, no order is loaded into the process — with the same exact
 * results PostgreSQL's NUMERIC gives. The names match `SqlDialect`'s money helpers.
 */

/** The money module's 60 digits: far above NUMERIC(38,12) and a 27-decimal base cost. */
const Exact = Money;

type Value = string | number | bigint | null;

const dec = (value: Value): Decimal | null =>
  value === null ? null : new Exact(typeof value === 'bigint' ? value.toString() : value);

interface SqliteDatabase {
  function(name: string, options: { deterministic: boolean }, fn: (...a: Value[]) => Value): void;
  aggregate(
    name: string,
    options: {
      start: () => Decimal | null;
      step: (total: Decimal | null, value: Value) => Decimal | null;
      result: (total: Decimal | null) => Value;
    },
  ): void;
}

/** Registers dec_sum (aggregate; NULL when every value is NULL, like SUM), dec_mul, dec_sub. */
export function registerDecimalFunctions(db: SqliteDatabase): void {
  const binary = (op: (a: Decimal, b: Decimal) => Decimal) => (a: Value, b: Value) => {
    const x = dec(a);
    const y = dec(b);
    return x === null || y === null ? null : op(x, y).toFixed();
  };
  db.function(
    'dec_mul',
    { deterministic: true },
    binary((a, b) => a.times(b)),
  );
  db.function(
    'dec_sub',
    { deterministic: true },
    binary((a, b) => a.minus(b)),
  );
  db.function(
    'dec_add',
    { deterministic: true },
    binary((a, b) => a.plus(b)),
  );
  db.aggregate('dec_sum', {
    start: () => null,
    step: (total, value) => {
      const x = dec(value);
      if (x === null) return total;
      return total === null ? x : total.plus(x);
    },
    result: (total) => (total === null ? null : total.toFixed()),
  });
}
