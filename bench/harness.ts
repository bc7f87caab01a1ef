import { cpus } from 'node:os';

/**
 * `npm run bench:smoke` (CI): every benchmark end to end at a toy size, in seconds, to prove it
 * still runs. Its figures mean nothing and no threshold is checked.
 */
export const SMOKE = process.env.BENCH_SMOKE === '1';

/** A size: the environment variable when set, else the smoke size under BENCH_SMOKE, else `full`. */
export function benchSize(variable: string, full: number, smoke: number): number {
  const set = process.env[variable];
  if (set !== undefined && set !== '') return Number(set);
  return SMOKE ? smoke : full;
}

/** One figure a benchmark reports. */
export interface BenchResult {
  readonly name: string;
  /** e.g. `µs`, `ms`, `x` (a ratio). */
  readonly unit: string;
  readonly value: number;
  /** The target, in words (e.g. `p99 ≤ 20 µs`). */
  readonly goal?: string;
  readonly notes?: string;
}

/** A benchmark module: bench/<name>.bench.ts exporting `run`. */
export interface BenchModule {
  run(): Promise<BenchResult[]>;
}

export interface Percentiles {
  readonly p50: number;
  readonly p99: number;
  readonly mean: number;
  readonly samples: number;
}

/** The p-th percentile (0–100) of ascending samples, nearest-rank. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

/**
 * Times `fn` once per iteration with process.hrtime.bigint (after `warmup` untimed calls) and
 * returns the percentiles in microseconds. `fn` gets the iteration number so inputs can vary.
 */
export function sampleMicros(
  fn: (i: number) => unknown,
  iterations: number,
  warmup = Math.min(iterations, 20_000),
): Percentiles {
  let sink: unknown;
  for (let i = 0; i < warmup; i++) sink = fn(i);
  const samples = new Float64Array(iterations);
  for (let i = 0; i < iterations; i++) {
    const start = process.hrtime.bigint();
    sink = fn(i);
    samples[i] = Number(process.hrtime.bigint() - start) / 1000;
  }
  if (sink === Symbol.for('never')) process.stdout.write(''); // keep the result alive
  const sorted = Array.from(samples).sort((a, b) => a - b);
  const mean = sorted.reduce((sum, v) => sum + v, 0) / sorted.length;
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), mean, samples: sorted.length };
}

/** Wall time of one async operation, in milliseconds. */
export async function timeMs<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = process.hrtime.bigint();
  const value = await fn();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
}

export const median = (values: readonly number[]): number =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );

export const round = (value: number, digits = 2): number => Number(value.toFixed(digits));

/** The results as a markdown table. */
export function formatTable(results: readonly BenchResult[]): string {
  const lines = ['| benchmark | value | goal | notes |', '|---|---|---|---|'];
  for (const r of results) {
    lines.push(`| ${r.name} | ${r.value} ${r.unit} | ${r.goal ?? ''} | ${r.notes ?? ''} |`);
  }
  return lines.join('\n');
}

export function machine(): string {
  const cpu = cpus();
  return `${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, Node ${process.version}`;
}
