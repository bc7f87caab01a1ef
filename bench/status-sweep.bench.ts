import { fork } from 'node:child_process';
import { DataSource } from 'typeorm';
import { SqlDialect, chunks } from '../apps/gateway/src/database/sql-dialect.js';
import type { SweepResult } from '../apps/gateway/src/orders/sync/order-sync.service.js';
import { benchSize, round, timeMs, type BenchResult } from './harness.js';
import { benchEngines, POSTGRES_SKIPPED, type BenchDatabase } from './support/databases.js';
import { startBenchGateway, type BenchGateway } from './support/gateway.js';
import type { PeakMemory } from './support/memory.js';
import { PLACEMENT_CATALOG } from './support/placement-market.js';
import { spawnSimulator, type SimProcess } from './support/sim-process.js';

const UPSTREAMS = 5;
const ORDERS = benchSize('BENCH_SWEEP_ORDERS', 1_000_000, 2_000);
/** Orders per bulk placement on a panel (its control hook takes up to 100,000). */
const PLACED_PER_CALL = 50_000;
/** Rows per seeding INSERT (18 values each: below SQLite's 32,766 bound values). */
const ROWS_PER_INSERT = 1_000;
const CALLS_PER_UPSTREAM = 4;
const IDS_PER_CALL = 100;
const LINK = 'https://instagram.com/p/bench';

/**
 * One status sweep over 1,000,000 open orders (BENCH_SWEEP_ORDERS) spread over 5 simulated panels
 * (each in its own process, each holding its 200,000 orders): `OrderSyncService.sweep(now)` of the real app, in a
 * process of its own (support/sweep-child.ts), timed until every order was polled once, with
 * that process's memory sampled during it. The orders table is seeded directly with multi-row
 * INSERTs, the panels through their bulk control hook.
 * Baseline in the same run: the same 1,000 status calls (100 ids each, 4 in flight per panel)
 * straight to the panels, answers fetched and JSON-parsed, nothing else.
 */
export async function run(): Promise<BenchResult[]> {
  if (!Number.isInteger(ORDERS / UPSTREAMS) || ORDERS <= 0) {
    throw new Error(`BENCH_SWEEP_ORDERS must be a positive multiple of ${UPSTREAMS}`);
  }
  const sims: SimProcess[] = [];
  const results: BenchResult[] = [];
  try {
    for (let i = 0; i < UPSTREAMS; i++) {
      sims.push(
        await spawnSimulator({
          catalog: PLACEMENT_CATALOG,
          apiKey: `bench-key-${i}-0123456789`,
          balance: '1000000000',
          seed: i + 1,
        }),
      );
    }
    for (const open of benchEngines()) results.push(...(await engineRun(await open(), sims)));
    if (!process.env.BENCH_DATABASE_URL) {
      results.push({
        name: 'sweep on PostgreSQL',
        unit: '',
        value: Number.NaN,
        notes: POSTGRES_SKIPPED,
      });
    }
  } finally {
    await Promise.all(sims.map((s) => s.close()));
  }
  return results;
}

interface SweepReport {
  ms: number;
  memory: PeakMemory<SweepResult>;
  polledOnce: number;
  maxRssMb: number;
}

async function engineRun(db: BenchDatabase, sims: SimProcess[]): Promise<BenchResult[]> {
  try {
    const gw = await startBenchGateway(db.url);
    const seeded = await timeMs(() => seed(gw, sims)).finally(() => gw.close());
    const upstreamIds = seeded.value;
    process.stderr.write(`${db.engine}: seeded in ${round(seeded.ms / 1000, 1)} s\n`);
    const baseline = await rawStatusCalls(sims, upstreamIds);
    const { ms, memory, polledOnce, maxRssMb } = await sweepInChild(db.url);
    const swept = memory.value;
    if (swept.polled !== ORDERS || polledOnce !== ORDERS) {
      throw new Error(
        `sweep polled ${swept.polled}, ${polledOnce} rows polled once; want ${ORDERS}`,
      );
    }
    const e = db.engine;
    return [
      {
        name: `${e}: baseline, the ${ORDERS / IDS_PER_CALL} status calls straight to the panels`,
        unit: 'ms',
        value: round(baseline, 0),
      },
      {
        name: `${e}: sweep of ${ORDERS.toLocaleString('en')} open orders on ${UPSTREAMS} upstreams`,
        unit: 'ms',
        value: round(ms, 0),
        goal: '≤ 60,000 ms',
        notes: `${round(ms / baseline, 1)}x baseline; ${polledOnce} polled once, ${swept.unanswered} unanswered`,
      },
      {
        name: `${e}: sweep process, peak RSS during the sweep`,
        unit: 'MB',
        value: memory.peakRssMb,
        goal: '≤ 400 MB',
        notes:
          `the whole gateway process; +${memory.rssDeltaMb} MB over its RSS before the sweep, ` +
          `heap +${memory.heapDeltaMb} MB; max RSS over its life (boot included) ${maxRssMb} MB`,
      },
    ];
  } finally {
    await db.drop();
  }
}

function sweepInChild(databaseUrl: string): Promise<SweepReport> {
  // BENCH_SWEEP_PROF=<dir>: a CPU profile of the sweep process, written there.
  const prof = process.env.BENCH_SWEEP_PROF;
  const child = fork(new URL('./support/sweep-child.js', import.meta.url), [databaseUrl], {
    execArgv: prof ? ['--cpu-prof', `--cpu-prof-dir=${prof}`] : [],
  });
  return new Promise((resolve, reject) => {
    child.once('message', (report) => resolve(report as SweepReport));
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`sweep child exited with ${code}`)));
  });
}

/** Providers on the panels, 200,000 open orders each on the panels and in the orders table. */
async function seed(gw: BenchGateway, sims: SimProcess[]): Promise<string[][]> {
  const perUpstream = ORDERS / sims.length;
  const dataSource = gw.app.get(DataSource);
  const sql = new SqlDialect(dataSource);
  const due = sql.timestamp(new Date(Date.now() - 60_000));
  const open = sql.bool(true);
  const upstreamIds: string[][] = [];
  // All providers first: the admin API's keep-alive connection would not outlive a panel's seeding.
  const providers: { id: number }[] = [];
  for (const [i, sim] of sims.entries()) {
    providers.push(
      await gw.admin<{ id: number }>('POST', '/v1/admin/providers', {
        name: `bench panel ${i + 1}`,
        apiUrl: sim.url,
        apiKey: sim.apiKey,
      }),
    );
  }
  for (const [i, sim] of sims.entries()) {
    const provider = providers[i]!;
    await sim.control.reset();
    const ids: string[] = [];
    for (let placed = 0; placed < perUpstream; placed += PLACED_PER_CALL) {
      const count = Math.min(PLACED_PER_CALL, perUpstream - placed);
      const part = await sim.control.placeOrders({ service: 1, link: LINK, quantity: 1000 }, count);
      for (const id of part) ids.push(String(id));
    }
    upstreamIds.push(ids);
    // One transaction per panel: SQLite then syncs its WAL once per 200,000 rows, not per INSERT.
    await dataSource.transaction(async (m) => {
      for (const part of chunks(ids, ROWS_PER_INSERT)) {
        const params: unknown[] = [];
        const values = part.map((id) => {
          const row: unknown[] = [1, 1, 'Default', 'pending', LINK, 1000, '{}', '0.5', 'USD', '0'];
          row.push(provider.id, '1', id, open, open, due, 0, due);
          params.push(...row);
          return sql.row(params.length - row.length, row.length);
        });
        await m.query(
          `INSERT INTO orders (partner_id, service_id, service_type, status, link, quantity, params,
            charge, currency, refunded, provider_id, upstream_service_id, upstream_order_id,
            can_refill, can_cancel, next_poll_at, poll_count, created_at) VALUES ${values.join(', ')}`,
          params,
        );
      }
    });
  }
  // A table of 1,000,000 orders in service has planner statistics (autovacuum keeps them); one
  // filled a second ago has none yet, and PostgreSQL would plan the sweep's joins for an empty
  // table. VACUUM also sets the visibility map, as autovacuum would have.
  if (dataSource.options.type === 'postgres') await dataSource.query('VACUUM ANALYZE orders');
  return upstreamIds;
}

/** The sweep's upstream traffic alone: 100 ids per call, 4 calls in flight per panel. */
async function rawStatusCalls(sims: SimProcess[], upstreamIds: string[][]): Promise<number> {
  const { ms } = await timeMs(() =>
    Promise.all(
      sims.map(async (sim, i) => {
        const batches = chunks(upstreamIds[i]!, IDS_PER_CALL);
        let next = 0;
        const lane = async () => {
          while (next < batches.length) {
            const ids = batches[next++]!;
            const res = await fetch(sim.url, {
              method: 'POST',
              headers: { 'content-type': 'application/x-www-form-urlencoded' },
              body: new URLSearchParams({
                key: sim.apiKey,
                action: 'status',
                orders: ids.join(','),
              }).toString(),
            });
            const answer = JSON.parse(await res.text()) as Record<string, unknown>;
            if (Object.keys(answer).length !== ids.length) throw new Error('short status answer');
          }
        };
        await Promise.all(Array.from({ length: CALLS_PER_UPSTREAM }, lane));
      }),
    ),
  );
  return ms;
}
