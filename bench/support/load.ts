import { performance, type EventLoopUtilization } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { percentile, round } from '../harness.js';

/** One load run: the same POST sent by `concurrency` lanes for `durationMs` after a warm-up. */
export interface LoadSpec {
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: string;
  readonly expectStatus: number;
  /** A piece of text every good answer contains (the simulator answers errors with HTTP 200). */
  readonly expectText: string;
  readonly concurrency: number;
  readonly warmupMs: number;
  readonly durationMs: number;
}

export interface LoadReport {
  readonly latenciesMicros: number[];
  readonly errors: number;
  readonly elapsedMs: number;
}

export interface LoadSummary {
  readonly perSecond: number;
  /** How busy this process's main thread (the gateway, when it runs here) was while measured. */
  readonly mainThreadBusy: number;
  /** Main-thread busy time per answered request, ms. */
  readonly mainThreadMsPerRequest: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly requests: number;
  readonly errors: number;
}

/** Runs the load on a worker thread (its own event loop; it still shares the machine's cores). */
export async function runLoad(spec: LoadSpec): Promise<LoadSummary> {
  const worker = new Worker(new URL('./load-worker.js', import.meta.url), { workerData: spec });
  let measuring: EventLoopUtilization | undefined;
  const report = await new Promise<LoadReport>((resolve, reject) => {
    worker.on('message', (message: LoadReport | 'measuring') => {
      if (message === 'measuring') measuring = performance.eventLoopUtilization();
      else resolve(message);
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`load worker exited with ${code}`)));
  });
  const busy = performance.eventLoopUtilization(measuring);
  await worker.terminate();
  const sorted = report.latenciesMicros.sort((a, b) => a - b);
  return {
    perSecond: round((sorted.length / report.elapsedMs) * 1000, 0),
    mainThreadBusy: round(busy.utilization, 2),
    mainThreadMsPerRequest: round(busy.active / Math.max(1, sorted.length), 2),
    p50Ms: round(percentile(sorted, 50) / 1000, 2),
    p99Ms: round(percentile(sorted, 99) / 1000, 2),
    requests: sorted.length,
    errors: report.errors,
  };
}
