import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { SqlDialect } from './sql-dialect.js';

/**
 * A unit of work's handle, passed from a service to the repositories it calls so their
 * statements run in one transaction. Services hold it, never query through it.
 */
export type Tx = EntityManager;

/**
 * Runs units of work in a database transaction.
 *
 * better-sqlite3 gives TypeORM a single connection: two transactions started concurrently in one
 * process would nest as savepoints of each other instead of being isolated. On SQLite this
 * runner therefore queues transactions one after another (SQLite allows one writer anyway).
 * On PostgreSQL transactions run concurrently; code that must not race takes row locks
 * (the repositories' `SqlDialect.forUpdate`).
 */
@Injectable()
export class Transactions {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly postgres: boolean;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    dialect: SqlDialect,
  ) {
    this.postgres = dialect.postgres;
  }

  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (this.postgres) return this.dataSource.transaction(work);
    const next = this.queue.then(() => this.dataSource.transaction(work));
    this.queue = next.catch(() => undefined);
    return next;
  }

  /**
   * One statement, atomic by itself. PostgreSQL runs it without BEGIN and COMMIT (two round trips
   * fewer); SQLite still queues it behind running transactions, which share its one connection.
   */
  statement<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (this.postgres) return work(this.dataSource.manager);
    const next = this.queue.then(() => work(this.dataSource.manager));
    this.queue = next.catch(() => undefined);
    return next;
  }

  /**
   * Work that the repository writes as one statement on PostgreSQL (a data-modifying WITH) and
   * as several on SQLite: atomic on both, with no BEGIN/COMMIT round trips on PostgreSQL.
   */
  compound<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.postgres ? this.statement(work) : this.run(work);
  }
}
