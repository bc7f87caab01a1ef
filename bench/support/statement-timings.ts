import type { DataSource } from 'typeorm';
import { round } from '../harness.js';

interface Timing {
  count: number;
  ms: number;
}

/**
 * Profiling aid of the status-sweep bench (BENCH_SWEEP_STATEMENTS=1): wraps the query method of
 * the data source's query runners and sums the wall time of each kind of statement (its first
 * words), concurrent statements each counted in full. `report` lists them, slowest first.
 */
export async function timeStatements(dataSource: DataSource): Promise<() => string> {
  const runner = dataSource.createQueryRunner();
  const proto = Object.getPrototypeOf(runner) as { query: (...args: unknown[]) => unknown };
  await runner.release();
  const original = proto.query;
  const timings = new Map<string, Timing>();
  proto.query = async function (this: unknown, ...args: unknown[]) {
    const key = String(args[0]).replace(/\s+/g, ' ').trim().slice(0, 60);
    const start = process.hrtime.bigint();
    try {
      return await original.apply(this, args);
    } finally {
      const t = timings.get(key) ?? { count: 0, ms: 0 };
      t.count += 1;
      t.ms += Number(process.hrtime.bigint() - start) / 1e6;
      timings.set(key, t);
    }
  };
  return () =>
    [...timings]
      .sort((a, b) => b[1].ms - a[1].ms)
      .map(([key, t]) => `${round(t.ms, 0)} ms\t${t.count}×\t${key}`)
      .join('\n');
}
