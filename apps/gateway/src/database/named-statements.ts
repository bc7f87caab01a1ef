import { createHash } from 'node:crypto';
import { QueryFailedError } from 'typeorm';
import type { Tx } from './transactions.js';

/** The part of node-postgres' client (and pool) used here. */
interface PgQueryable {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{
    command: string;
    rows: unknown[];
    rowCount: number | null;
  }>;
}

const names = new Map<string, string>();

/** A stable name per statement text (node-postgres refuses one name for two texts). */
function nameOf(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `gw_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    names.set(text, name);
  }
  return name;
}

/**
 * `m.query(text, values)`, as a named prepared statement on PostgreSQL: each pooled connection
 * parses and plans the text once, then every call is a Bind/Execute (less server CPU and fewer
 * bytes per round trip than TypeORM's unnamed statements, parsed and planned per call). For the
 * hot statements of a placement, whose text never varies. Same results as `m.query` (rows; for
 * UPDATE and DELETE `[rows, count]`) and the same errors (QueryFailedError around the driver's).
 * The app runs TypeORM without query logging or query subscribers, so nothing is skipped. SQLite
 * already caches prepared statements per text: there it is `m.query`.
 */
export async function queryNamed<T = unknown>(m: Tx, text: string, values: unknown[]): Promise<T> {
  if (m.connection.options.type !== 'postgres') return (await m.query(text, values)) as T;
  const runner = m.queryRunner ?? m.connection.createQueryRunner();
  try {
    const client = (await runner.connect()) as PgQueryable;
    const raw = await client.query({ name: nameOf(text), text, values }).catch((error: unknown) => {
      throw new QueryFailedError(text, values, error as Error);
    });
    const updated = raw.command === 'UPDATE' || raw.command === 'DELETE';
    return (updated ? [raw.rows, raw.rowCount] : raw.rows) as T;
  } finally {
    if (!m.queryRunner) await runner.release();
  }
}
