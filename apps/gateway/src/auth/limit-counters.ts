import { FixedWindowCounter, type WindowState } from './fixed-window.js';

export const WINDOW_MS = 60_000;

/**
 * Where the fixed one-minute windows of the request limits are counted. In process memory on
 * SQLite (one process per database file); in PostgreSQL when several gateway processes share a
 * database, so N processes behind a load balancer enforce one budget, not N
 * (limit-counters.repository.ts).
 */
export abstract class LimitCounters {
  /** Counts a hit for the key and says whether it is within the limit. */
  abstract hit(key: string, limit: number): Promise<WindowState>;
  /** Whether the key is already over the limit, without counting anything. */
  abstract peek(key: string, limit: number): Promise<WindowState>;
}

export class MemoryLimitCounters extends LimitCounters {
  private readonly counter = new FixedWindowCounter();

  hit(key: string, limit: number): Promise<WindowState> {
    return Promise.resolve(this.counter.hit(key, limit));
  }

  peek(key: string, limit: number): Promise<WindowState> {
    return Promise.resolve(this.counter.peek(key, limit));
  }
}
