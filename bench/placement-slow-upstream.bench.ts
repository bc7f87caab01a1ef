import { fork, type ChildProcess } from 'node:child_process';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
import { benchSize, percentile, round, type BenchResult } from './harness.js';
import type { BurstReport, BurstSpec } from './support/burst-child.js';
import { benchEngines, POSTGRES_SKIPPED, type BenchDatabase } from './support/databases.js';
import { startBenchGateway, type BenchGateway } from './support/gateway.js';
import { peakMemory } from './support/memory.js';
import { market, PLACEMENT_CATALOG, PLACEMENT_LOTS } from './support/placement-market.js';
import { spawnSimulator, type SimProcess } from './support/sim-process.js';

const ORDERS = benchSize('BENCH_P7_ORDERS', 2000, 200);
const LATENCY_MS = Number(process.env.BENCH_P7_LATENCY_MS ?? 300);
const ORDER = { link: 'https://instagram.com/p/slow', quantity: 1000 };

/**
 * P7: placements against a slow upstream. The simulated panel (its own process) answers every
 * API call after LATENCY_MS (its `latencyMs` fault); ORDERS placements are sent to the gateway
 * (this process) at once by a load generator in another process (support/burst-child.ts), so
 * this process's event loop and memory are the gateway's. Each round is sent twice: a warm-up
 * that opens the connections (client → gateway, gateway → panel: a burst of thousands of
 * connects overflows listen backlogs, which is not what is measured), then the measured round
 * on those connections, with the gateway's event-loop delay (monitorEventLoopDelay, 10 ms
 * resolution) and resident memory sampled. Baseline in the same run: the same ORDERS `add`
 * calls straight to the panel, with the same latency and the same warm-up.
 */
export async function run(): Promise<BenchResult[]> {
  const sim = await spawnSimulator({
    catalog: PLACEMENT_CATALOG,
    apiKey: 'bench-key-0123456789',
    balance: PLACEMENT_LOTS,
  });
  const loader = fork(new URL('./support/burst-child.js', import.meta.url));
  const results: BenchResult[] = [];
  try {
    for (const open of benchEngines()) {
      results.push(...(await engineRun(await open(), sim, loader)));
    }
    if (!process.env.BENCH_DATABASE_URL) {
      results.push({
        name: 'P7 on PostgreSQL',
        unit: '',
        value: Number.NaN,
        notes: POSTGRES_SKIPPED,
      });
    }
  } finally {
    loader.send('exit');
    await sim.close();
  }
  return results;
}

async function engineRun(
  db: BenchDatabase,
  sim: SimProcess,
  loader: ChildProcess,
): Promise<BenchResult[]> {
  try {
    const gw = await startBenchGateway(db.url);
    return await measure(db.engine, gw, sim, loader).finally(() => gw.close());
  } finally {
    await db.drop();
  }
}

function burst(loader: ChildProcess, spec: BurstSpec): Promise<BurstReport> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`burst child exited with ${code}`));
    loader.once('exit', onExit);
    loader.once('message', (report) => {
      loader.off('exit', onExit);
      resolve(report as BurstReport);
    });
    loader.send(spec);
  });
}

interface Round {
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  readonly answered: number;
  readonly errors: number;
  readonly firstError: string | null;
  readonly elapsedMs: number;
}

function summary(report: BurstReport): Round {
  const sorted = [...report.latenciesMicros].sort((a, b) => a - b);
  return {
    p50Ms: round(percentile(sorted, 50) / 1000, 1),
    p99Ms: round(percentile(sorted, 99) / 1000, 1),
    maxMs: round((sorted.at(-1) ?? Number.NaN) / 1000, 1),
    answered: sorted.length,
    errors: report.errors,
    firstError: report.firstError,
    elapsedMs: round(report.elapsedMs, 0),
  };
}

async function measure(
  engine: string,
  gw: BenchGateway,
  sim: SimProcess,
  loader: ChildProcess,
): Promise<BenchResult[]> {
  const { token, serviceId } = await market(gw, sim);
  await sim.control.reset();
  await sim.control.setFaults({ latencyMs: LATENCY_MS });
  const direct: BurstSpec = {
    url: sim.url,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      key: sim.apiKey,
      action: 'add',
      service: '1',
      link: ORDER.link,
      quantity: String(ORDER.quantity),
    }).toString(),
    expectStatus: 200,
    expectText: '"order":',
    count: ORDERS,
  };
  const gateway: BurstSpec = {
    url: `${gw.url}/v1/orders`,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ serviceId, ...ORDER }),
    expectStatus: 201,
    expectText: '"status":"pending"',
    count: ORDERS,
  };
  await burst(loader, direct); // warm-up: connections to the panel
  const baseline = summary(await burst(loader, direct));
  await burst(loader, gateway); // warm-up: connections to the gateway and from it to the panel
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const memory = await peakMemory(() => burst(loader, gateway));
  loop.disable();
  const through = summary(memory.value);
  const placed = await allPlaced(gw, 2 * ORDERS);
  const stallMs = round(loop.max / 1e6, 1);
  const loopP99Ms = round(loop.percentile(99) / 1e6, 1);
  const counts = (r: Round) =>
    `${r.answered} of ${ORDERS} answered as expected, ${r.errors} errors` +
    (r.firstError ? ` (first: ${r.firstError})` : '');
  return [
    {
      name: `${engine}: P7 baseline, ${ORDERS} adds at once straight to the panel (${LATENCY_MS} ms)`,
      unit: 'ms p99',
      value: baseline.p99Ms,
      notes: `p50 ${baseline.p50Ms} ms, max ${baseline.maxMs} ms, all answered in ${baseline.elapsedMs} ms; ${counts(baseline)}`,
    },
    {
      name: `${engine}: P7 ${ORDERS} placements at once through the gateway`,
      unit: 'ms p99',
      value: through.p99Ms,
      goal: 'all placed',
      notes:
        `p50 ${through.p50Ms} ms, max ${through.maxMs} ms, all answered in ${through.elapsedMs} ms; ` +
        `${counts(through)}; ${placed.count} of ${2 * ORDERS} orders (warm-up included) placed ` +
        `upstream ${placed.afterMs} ms after the last answer (answers later than PLACEMENT_ANSWER_MS ` +
        `are 201 pending while the placement finishes in the background)`,
    },
    {
      name: `${engine}: P7 added latency p99 (gateway − direct)`,
      unit: 'ms',
      value: round(through.p99Ms - baseline.p99Ms, 1),
      goal: '≤ 20 ms',
      notes: `p50 +${round(through.p50Ms - baseline.p50Ms, 1)} ms`,
    },
    {
      name: `${engine}: P7 longest event-loop stall in the gateway`,
      unit: 'ms',
      value: stallMs,
      goal: '≤ 100 ms',
      notes: `event-loop delay p99 ${loopP99Ms} ms (monitorEventLoopDelay, 10 ms resolution)`,
    },
    {
      name: `${engine}: P7 gateway peak RSS`,
      unit: 'MB',
      value: memory.peakRssMb,
      goal: '≤ 500 MB',
      notes: `+${memory.rssDeltaMb} MB during the measured round; heap +${memory.heapDeltaMb} MB`,
    },
  ];
}

/** Waits (up to 60 s) until `expected` orders are placed; how many were, and when. */
async function allPlaced(
  gw: BenchGateway,
  expected: number,
): Promise<{ count: number; afterMs: number }> {
  const started = performance.now();
  let count = await placedOrders(gw);
  while (count < expected && performance.now() - started < 60_000) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    count = await placedOrders(gw);
  }
  return { count, afterMs: Math.round(performance.now() - started) };
}

/** Orders with an upstream order id (placed), warm-up round included. */
async function placedOrders(gw: BenchGateway): Promise<number> {
  const rows: { n: number | string }[] = await gw.app
    .get(DataSource)
    .query('SELECT COUNT(*) AS n FROM orders WHERE upstream_order_id IS NOT NULL');
  return Number(rows[0]!.n);
}
