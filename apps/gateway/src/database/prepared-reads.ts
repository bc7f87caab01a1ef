import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { QueryFailedError, type DataSource } from 'typeorm';
import { queryNamed } from './named-statements.js';

/** The part of a better-sqlite3 database used here. */
interface SqliteHandle {
  prepare(text: string): { all(...values: unknown[]): unknown[] };
}

/** Statements kept per connection at most (texts differ by the number of ids asked: ≤ 100 each). */
const MAX_STATEMENTS = 500;

/**
 * Hot single-statement reads outside a transaction (a partner polling its orders). On SQLite the
 * statement is prepared once on the driver's connection and run at once, without a query runner
 * per call (TypeORM's runs the same better-sqlite3 `all` behind a chain of promises); the rows are
 * the same objects. On PostgreSQL it is a named prepared statement (named-statements.ts).
 */
@Injectable()
export class PreparedReads {
  private readonly statements = new WeakMap<
    object,
    Map<string, ReturnType<SqliteHandle['prepare']>>
  >();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async all<T = Record<string, unknown>>(text: string, values: readonly unknown[]): Promise<T[]> {
    if (this.dataSource.options.type !== 'better-sqlite3') {
      return queryNamed<T[]>(this.dataSource.manager, text, [...values]);
    }
    try {
      return this.statement(text).all(...values) as T[];
    } catch (error) {
      throw new QueryFailedError(text, [...values], error as Error);
    }
  }

  private statement(text: string): ReturnType<SqliteHandle['prepare']> {
    const handle = (this.dataSource.driver as unknown as { databaseConnection: SqliteHandle })
      .databaseConnection;
    let byText = this.statements.get(handle);
    if (!byText) this.statements.set(handle, (byText = new Map()));
    let statement = byText.get(text);
    if (!statement) {
      if (byText.size >= MAX_STATEMENTS) byText.clear();
      byText.set(text, (statement = handle.prepare(text)));
    }
    return statement;
  }
}
