import type { DataSource } from 'typeorm';
import { columnTypes } from './column-types.js';

/** An arbitrary constant that names the gateway's migration lock among PostgreSQL advisory locks. */
const MIGRATION_LOCK_KEY = 7_320_114_001;

/**
 * Applies pending migrations. On PostgreSQL the run holds a session-level advisory lock, so
 * processes starting together apply them once, one after another; on SQLite an exclusive
 * transaction does the same.
 */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  if (!columnTypes(dataSource).postgres) {
    // One exclusive transaction around the check and the run: a second process waits on the
    // database lock (busy_timeout) and then finds nothing pending.
    await dataSource.query('BEGIN EXCLUSIVE');
    try {
      const applied = await dataSource.runMigrations({ transaction: 'none' });
      await dataSource.query('COMMIT');
      return applied.map((m) => m.name);
    } catch (error) {
      await dataSource.query('ROLLBACK');
      throw error;
    }
  }
  const lockRunner = dataSource.createQueryRunner();
  await lockRunner.connect();
  try {
    await lockRunner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await lockRunner
      .query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY])
      .catch(() => undefined);
    await lockRunner.release();
  }
}
