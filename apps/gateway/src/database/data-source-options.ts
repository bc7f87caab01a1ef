import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import type { DatabaseConfig } from '../config/app-config.js';
import { MIGRATIONS } from './migrations/index.js';
import { registerDecimalFunctions } from './sqlite-decimal.js';

/**
 * The one description of how the gateway reaches its database, shared by the app and by
 * ormconfig.ts (the TypeORM CLI). The schema comes only from migrations.
 */
export function dataSourceOptions(db: DatabaseConfig): DataSourceOptions {
  const common = {
    synchronize: false,
    migrationsRun: false,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    logging: false,
  } as const;
  if (db.kind === 'sqlite') {
    if (db.path !== ':memory:') {
      mkdirSync(dirname(db.path), { recursive: true });
      // Owner-only from the first byte: SQLite gives the WAL and SHM files the database's mode.
      closeSync(openSync(db.path, 'a', 0o600));
      chmodSync(db.path, 0o600);
    }
    return {
      ...common,
      type: 'better-sqlite3',
      database: db.path,
      prepareDatabase: (
        conn: { pragma(sql: string): unknown } & Parameters<typeof registerDecimalFunctions>[0],
      ) => {
        conn.pragma('journal_mode = WAL');
        conn.pragma('synchronous = NORMAL');
        conn.pragma('busy_timeout = 5000');
        conn.pragma('foreign_keys = ON');
        registerDecimalFunctions(conn);
      },
    };
  }
  return {
    ...common,
    type: 'postgres',
    url: db.url,
    extra: { max: db.poolSize, connectionTimeoutMillis: 5_000 },
  };
}
