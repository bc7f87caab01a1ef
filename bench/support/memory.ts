import { round } from '../harness.js';

export interface PeakMemory<T> {
  readonly value: T;
  /** Highest resident set size seen, and its growth over the size before `work` started. */
  readonly peakRssMb: number;
  readonly rssDeltaMb: number;
  /** Highest V8 heap use seen, over the use before `work` started. */
  readonly heapDeltaMb: number;
}

const MB = 1024 * 1024;

/** Runs `work` while sampling process.memoryUsage() every 10 ms (and once at the end). */
export async function peakMemory<T>(work: () => Promise<T>): Promise<PeakMemory<T>> {
  const before = process.memoryUsage();
  let rss = before.rss;
  let heap = before.heapUsed;
  const sample = () => {
    const now = process.memoryUsage();
    rss = Math.max(rss, now.rss);
    heap = Math.max(heap, now.heapUsed);
  };
  const timer = setInterval(sample, 10);
  try {
    const value = await work();
    sample();
    return {
      value,
      peakRssMb: round(rss / MB, 0),
      rssDeltaMb: round((rss - before.rss) / MB, 0),
      heapDeltaMb: round((heap - before.heapUsed) / MB, 0),
    };
  } finally {
    clearInterval(timer);
  }
}
