/**
 * The few differences between the engines that raw bulk SQL has to care about. Raw SQL is used
 * only where TypeORM would cost one round trip per row (the catalog sync); values are always
 * bound parameters.
 */
export class SqlDialect {
  constructor(readonly postgres: boolean) {}

  /** The placeholder for the n-th (1-based) parameter. */
  param(n: number): string {
    return this.postgres ? `$${n}` : '?';
  }

  /** A row of placeholders `(…)` for `width` parameters starting after `offset`. */
  row(offset: number, width: number): string {
    const cells: string[] = [];
    for (let i = 1; i <= width; i++) cells.push(this.param(offset + i));
    return `(${cells.join(', ')})`;
  }

  /**
   * Exact money arithmetic in SQL: NUMERIC operators on PostgreSQL, the decimal functions
   * registered on SQLite connections (sqlite-decimal.ts) on SQLite, where money is TEXT.
   * Results are decimal text (SQLite) or NUMERIC (pg strings): read them with decimal.js.
   */
  sum(expr: string): string {
    return this.postgres ? `SUM(${expr})` : `dec_sum(${expr})`;
  }

  mul(a: string, b: string): string {
    return this.postgres ? `(${a}) * (${b})` : `dec_mul(${a}, ${b})`;
  }

  sub(a: string, b: string): string {
    return this.postgres ? `(${a}) - (${b})` : `dec_sub(${a}, ${b})`;
  }

  /** better-sqlite3 binds no booleans: SQLite stores them as 0/1. */
  bool(value: boolean): boolean | number {
    return this.postgres ? value : value ? 1 : 0;
  }

  /** better-sqlite3 binds no Dates: the text TypeORM itself writes to SQLite datetime columns. */
  timestamp(value: Date): Date | string {
    return this.postgres ? value : value.toISOString().replace('T', ' ').replace('Z', '');
  }
}

/** Splits a list into chunks of at most `size`. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
