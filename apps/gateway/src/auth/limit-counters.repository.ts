import type { DataSource } from 'typeorm';
import type { WindowState } from './fixed-window.js';
import { LimitCounters, WINDOW_MS } from './limit-counters.js';

/** The database clock in epoch ms: every process agrees on when a window started. */
const NOW_MS = `(EXTRACT(EPOCH FROM clock_timestamp()) * 1000)::bigint`;

/**
 * One row per key in rate_limit_counters, counted with a single atomic upsert (a window older
 * than a minute restarts at 1): one round trip per request, no lock held beyond the statement.
 */
export class PostgresLimitCounters extends LimitCounters {
  private lastPrune = 0;

  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async hit(key: string, limit: number): Promise<WindowState> {
    const rows = (await this.dataSource.query(
      `INSERT INTO rate_limit_counters AS c (key, window_start, hits) VALUES ($1, ${NOW_MS}, 1)
       ON CONFLICT (key) DO UPDATE SET
         window_start = CASE WHEN c.window_start <= ${NOW_MS} - ${WINDOW_MS} THEN ${NOW_MS} ELSE c.window_start END,
         hits = CASE WHEN c.window_start <= ${NOW_MS} - ${WINDOW_MS} THEN 1 ELSE c.hits + 1 END
       RETURNING window_start, hits, ${NOW_MS} AS now`,
      [key],
    )) as Row[];
    this.prune();
    const row = rows[0]!;
    return state(row, limit, Number(row.hits) <= limit);
  }

  async peek(key: string, limit: number): Promise<WindowState> {
    const rows = (await this.dataSource.query(
      `SELECT window_start, hits, ${NOW_MS} AS now FROM rate_limit_counters
       WHERE key = $1 AND window_start > ${NOW_MS} - ${WINDOW_MS}`,
      [key],
    )) as Row[];
    const row = rows[0];
    if (!row) return { limit, remaining: limit, resetSeconds: WINDOW_MS / 1000, allowed: true };
    return state(row, limit, Number(row.hits) < limit);
  }

  /** Deletes windows over two minutes old, at most once a minute per process (in the background). */
  private prune(): void {
    const now = Date.now();
    if (now - this.lastPrune < WINDOW_MS) return;
    this.lastPrune = now;
    this.dataSource
      .query(`DELETE FROM rate_limit_counters WHERE window_start < ${NOW_MS} - ${2 * WINDOW_MS}`)
      .catch(() => undefined);
  }
}

interface Row {
  window_start: string | number;
  hits: string | number;
  now: string | number;
}

function state(row: Row, limit: number, allowed: boolean): WindowState {
  const hits = Number(row.hits);
  const resetMs = Number(row.window_start) + WINDOW_MS - Number(row.now);
  return {
    limit,
    remaining: Math.max(0, limit - hits),
    resetSeconds: Math.max(1, Math.ceil(resetMs / 1000)),
    allowed,
  };
}
