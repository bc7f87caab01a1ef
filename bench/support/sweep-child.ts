import { DataSource } from 'typeorm';
import { OrderSyncService } from '../../apps/gateway/src/orders/sync/order-sync.service.js';
import { timeMs } from '../harness.js';
import { createBenchApp } from './gateway.js';
import { peakMemory } from './memory.js';

/**
 * Runs one status sweep in a process of its own (forked by status-sweep.bench.ts), so that the
 * memory figures are the gateway's alone: `node sweep-child.js <DATABASE_URL>`; the result goes
 * back over IPC.
 */
const app = await createBenchApp(process.argv[2]!);
try {
  const sync = app.get(OrderSyncService);
  const { ms, value: memory } = await timeMs(() => peakMemory(() => sync.sweep(new Date())));
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
