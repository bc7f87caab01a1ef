import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { isPostgres } from './column-types.js';

/**
 * Runs units of work in a database transaction.
 *
 * better-sqlite3 gives TypeORM a single connection: two transactions started concurrently in one
 * process would nest as savepoints of each other instead of being isolated. On SQLite this
 * runner therefore queues transactions one after another (SQLite allows one writer anyway).
 * On PostgreSQL transactions run concurrently; code that must not race takes row locks
 * (see `lockForUpdate`).
 */
@Injectable()
export class Transactions {
  private queue: Promise<unknown> = Promise.resolve();
  readonly postgres: boolean;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.postgres = isPostgres(dataSource);
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
   * Find options adding `FOR UPDATE` on PostgreSQL (spread them into findOne/find); nothing on
   * SQLite, where the queued transaction is already exclusive.
   */
  get lockForUpdate(): { lock: { mode: 'pessimistic_write' } } | Record<string, never> {
    return this.postgres ? { lock: { mode: 'pessimistic_write' } } : {};
  }
}
