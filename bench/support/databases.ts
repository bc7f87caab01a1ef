import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** A throwaway database for one benchmark run. */
export interface BenchDatabase {
  readonly engine: 'SQLite' | 'PostgreSQL';
  readonly url: string;
  drop(): Promise<void>;
}

/** A database factory per engine to run: SQLite always, PostgreSQL when BENCH_DATABASE_URL is set. */
export function benchEngines(): (() => Promise<BenchDatabase>)[] {
  const adminUrl = process.env.BENCH_DATABASE_URL;
  return adminUrl
    ? [async () => sqliteDatabase(), () => postgresDatabase(adminUrl)]
    : [async () => sqliteDatabase()];
}

export const POSTGRES_SKIPPED =
  'PostgreSQL skipped: set BENCH_DATABASE_URL=postgres://… to include it';

export function sqliteDatabase(): BenchDatabase {
  const dir = mkdtempSync(join(tmpdir(), 'gw-bench-'));
  return {
    engine: 'SQLite',
    url: `sqlite:${join(dir, 'gateway.sqlite')}`,
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Creates a fresh database on the server (dropped again by `drop`). */
export async function postgresDatabase(adminUrl: string): Promise<BenchDatabase> {
  const name = `gw_bench_${randomBytes(6).toString('hex')}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    engine: 'PostgreSQL',
    url: url.toString(),
    drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}
