import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { QueryFailedError, type DataSource } from 'typeorm';

/**
 * Everything raw SQL has to know about the engine, in one place: the repositories build their
 * statements with it and nothing else asks which engine runs. Values are always bound parameters.
 */
@Injectable()
export class SqlDialect {
  readonly postgres: boolean;

  constructor(@InjectDataSource() dataSource: DataSource) {
    this.postgres = dataSource.options.type === 'postgres';
  }

  /** The placeholder for the n-th (1-based) parameter (SQLite's `?` are positional: order matters). */
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
   * A parameter list built while the statement is written: `add(value)` binds the value and
   * answers its placeholder (with a CAST on PostgreSQL when the type cannot be inferred, as in a
   * VALUES list). The placeholders come out in binding order, which SQLite requires.
   */
  binder(): Binder {
    const values: unknown[] = [];
    return {
      values,
      add: (value, cast) => {
        values.push(value);
        const placeholder = this.param(values.length);
        return cast && this.postgres ? `CAST(${placeholder} AS ${cast})` : placeholder;
      },
    };
  }

  /** Rows of an UPDATE/DELETE … RETURNING: pg answers `[rows, count]`, better-sqlite3 the rows. */
  returned<T = Record<string, unknown>>(result: unknown): T[] {
    return (this.postgres ? (result as unknown[])[0] : result) as T[];
  }

  /**
   * `column IN (subquery)` for a subquery of many ids with a LIMIT: on PostgreSQL as
   * `= ANY(ARRAY(…))`, run once and then looked up by the index, where the planner would hash
   * the ids and scan the whole table for them.
   */
  inIds(column: string, subquery: string): string {
    return this.postgres ? `${column} = ANY(ARRAY(${subquery}))` : `${column} IN (${subquery})`;
  }

  /**
   * Rows of a bulk write as the body of `WITH v(…) AS (…)`, one type per column: a VALUES list
   * on SQLite; on PostgreSQL one array parameter per column, unnested (a statement of a few
   * parameters, parsed and planned in no time however many rows it carries).
   */
  rowsOf(p: Binder, types: readonly string[], rows: readonly (readonly unknown[])[]): string {
    if (this.postgres) {
      const columns = types.map((type, i) =>
        p.add(
          rows.map((row) => row[i]),
          `${type}[]`,
        ),
      );
      return `SELECT * FROM unnest(${columns.join(', ')})`;
    }
    return `VALUES ${rows.map((row) => `(${row.map((v) => p.add(v)).join(', ')})`).join(', ')}`;
  }

  /** Row lock for a SELECT in a transaction; SQLite's queued transactions are exclusive already. */
  get forUpdate(): string {
    return this.postgres ? ' FOR UPDATE' : '';
  }

  /** Row lock that skips rows another process holds (work shared between processes). */
  get forUpdateSkipLocked(): string {
    return this.postgres ? ' FOR UPDATE SKIP LOCKED' : '';
  }

  /** The same lock as find options, to spread into TypeORM's findOne/find. */
  get lockOptions(): { lock: { mode: 'pessimistic_write' } } | Record<string, never> {
    return this.postgres ? { lock: { mode: 'pessimistic_write' } } : {};
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

  /** True when a write failed on a UNIQUE constraint, on PostgreSQL (23505) or SQLite. */
  isUniqueViolation(error: unknown): boolean {
    return isUniqueViolation(error);
  }
}

/** Bound values of one statement, see `SqlDialect.binder`. */
export interface Binder {
  readonly values: unknown[];
  add(value: unknown, cast?: string): string;
}

/** True when a write failed on a UNIQUE constraint, on PostgreSQL (23505) or SQLite. */
export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = error.driverError as { code?: unknown } | undefined;
  const code = driverError?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/** Splits a list into chunks of at most `size`. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * A repository method over a list, run in chunks of at most `size` items (bound parameters are
 * limited per statement): the list is the method's first argument, the results are concatenated
 * (an array result) or dropped (void).
 */
export function Chunked(size: number): MethodDecorator {
  return (_target, _key, descriptor: PropertyDescriptor) => {
    const method = descriptor.value as (items: unknown[], ...rest: unknown[]) => Promise<unknown>;
    descriptor.value = async function (this: unknown, items: unknown[], ...rest: unknown[]) {
      const out: unknown[] = [];
      for (const part of chunks(items, size)) {
        const result = await method.call(this, part, ...rest);
        if (Array.isArray(result)) out.push(...(result as unknown[]));
      }
      return out;
    };
    return descriptor;
  };
}
