import { DataSource } from 'typeorm';
import { OrderSyncService } from '../../apps/gateway/src/orders/sync/order-sync.service.js';
import { timeMs } from '../harness.js';
import { createBenchApp } from './gateway.js';
import { peakMemory } from './memory.js';
import { timeStatements } from './statement-timings.js';

/**
 * Runs one status sweep in a process of its own (forked by status-sweep.bench.ts), so that the
 * memory figures are the gateway's alone: `node sweep-child.js <DATABASE_URL>`; the result goes
 * back over IPC. With BENCH_SWEEP_STATEMENTS=1 it prints the time spent per kind of statement.
 */
const app = await createBenchApp(process.argv[2]!);
try {
  const sync = app.get(OrderSyncService);
  const statements = process.env.BENCH_SWEEP_STATEMENTS
    ? await timeStatements(app.get(DataSource))
    : null;
  const { ms, value: memory } = await timeMs(() => peakMemory(() => sync.sweep(new Date())));
  if (statements) process.stderr.write(`statements during the sweep:\n${statements()}\n`);
  const rows: { n: number | string }[] = await app
    .get(DataSource)
    .query('SELECT COUNT(*) AS n FROM orders WHERE poll_count = 1');
  process.send!({
    ms,
    memory,
    polledOnce: Number(rows[0]!.n),
    maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  });
} finally {
  await app.close();
}
