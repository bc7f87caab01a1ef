import { benchSize, round, type BenchResult } from './harness.js';
import { benchEngines, POSTGRES_SKIPPED, type BenchDatabase } from './support/databases.js';
import { startBenchGateway, type BenchGateway } from './support/gateway.js';
import { runLoad, type LoadSpec, type LoadSummary } from './support/load.js';
import {
  market,
  PLACEMENT_CATALOG as CATALOG,
  PLACEMENT_LOTS as LOTS,
} from './support/placement-market.js';
import { spawnSimulator, type SimProcess } from './support/sim-process.js';

const THROUGHPUT_CONCURRENCY = 32;
const SECONDS = benchSize('BENCH_SECONDS', 10, 1);
const ORDER = { link: 'https://instagram.com/p/bench', quantity: 1000 };

/**
 * Order placement through the gateway (real app on Fastify on loopback, a partner token, one
 * mapped service on a simulated panel in its own process) against the same `add` sent straight
 * to the simulator, in the same run. Two loads each: one lane (latency with no queueing) and
 * 32 lanes (sustained throughput). The load generator runs on a worker thread of this process:
 * generator, gateway and simulator share the machine's 2 cores, so the ratios matter more than
 * the absolute figures.
 */
export async function run(): Promise<BenchResult[]> {
  const sim = await spawnSimulator({
    catalog: CATALOG,
    apiKey: 'bench-key-0123456789',
    balance: LOTS,
  });
  const results: BenchResult[] = [];
  try {
    for (const open of benchEngines()) results.push(...(await engineRun(await open(), sim)));
    if (!process.env.BENCH_DATABASE_URL) {
      results.push({
        name: 'placement on PostgreSQL',
        unit: '',
        value: Number.NaN,
        notes: POSTGRES_SKIPPED,
      });
    }
  } finally {
    await sim.close();
  }
  return results;
}

async function engineRun(db: BenchDatabase, sim: SimProcess): Promise<BenchResult[]> {
  try {
    const gw = await startBenchGateway(db.url);
    return await measure(db.engine, gw, sim).finally(() => gw.close());
  } finally {
    await db.drop();
  }
}

/** One lane, then 32 lanes; each time the simulator alone, then through the gateway. */
async function measure(engine: string, gw: BenchGateway, sim: SimProcess): Promise<BenchResult[]> {
  const { token, serviceId } = await market(gw, sim);
  const gateway: Omit<LoadSpec, 'concurrency' | 'warmupMs' | 'durationMs'> = {
    url: `${gw.url}/v1/orders`,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ serviceId, ...ORDER }),
    expectStatus: 201,
    expectText: '"status":"pending"',
  };
  const direct: typeof gateway = {
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
  };
  const load = async (target: typeof gateway, concurrency: number) => {
    await sim.control.reset();
    const ms = concurrency === 1 ? SECONDS * 500 : SECONDS * 1000;
    return runLoad({ ...target, concurrency, warmupMs: 2000, durationMs: ms });
  };
  const single = { direct: await load(direct, 1), gateway: await load(gateway, 1) };
  const busy = {
    direct: await load(direct, THROUGHPUT_CONCURRENCY),
    gateway: await load(gateway, THROUGHPUT_CONCURRENCY),
  };
  return report(engine, single, busy);
}

type Pair = { direct: LoadSummary; gateway: LoadSummary };

function report(engine: string, single: Pair, busy: Pair): BenchResult[] {
  const errors = (p: Pair) => p.direct.errors + p.gateway.errors;
  const counts = (s: LoadSummary) => `${s.requests} orders, ${s.errors} errors`;
  const c = THROUGHPUT_CONCURRENCY;
  return [
    {
      name: `${engine}: direct to the simulator, ${c} lanes (baseline)`,
      unit: 'orders/s',
      value: busy.direct.perSecond,
      notes: `p50 ${busy.direct.p50Ms} ms, p99 ${busy.direct.p99Ms} ms; ${counts(busy.direct)}`,
    },
    {
      name: `${engine}: through the gateway, ${c} lanes`,
      unit: 'orders/s',
      value: busy.gateway.perSecond,
      goal: '≥ 500 orders/s',
      notes:
        `${round(busy.gateway.perSecond / busy.direct.perSecond, 3)}x baseline; p50 ${busy.gateway.p50Ms} ms, ` +
        `p99 ${busy.gateway.p99Ms} ms; ${counts(busy.gateway)}; gateway main thread busy ` +
        `${Math.round(busy.gateway.mainThreadBusy * 100)}%, ${busy.gateway.mainThreadMsPerRequest} ms per order`,
    },
    {
      name: `${engine}: added latency p50, 1 lane`,
      unit: 'ms',
      value: round(single.gateway.p50Ms - single.direct.p50Ms, 2),
      goal: '≤ 2 ms',
      notes: `gateway ${single.gateway.p50Ms} ms vs direct ${single.direct.p50Ms} ms (${counts(single.gateway)})`,
    },
    {
      name: `${engine}: added latency p99, 1 lane`,
      unit: 'ms',
      value: round(single.gateway.p99Ms - single.direct.p99Ms, 2),
      goal: '≤ 10 ms',
      notes: `gateway ${single.gateway.p99Ms} ms vs direct ${single.direct.p99Ms} ms; errors ${errors(single) + errors(busy)}`,
    },
    {
      name: `${engine}: added latency p50 / p99, ${c} lanes`,
      unit: 'ms',
      value: round(busy.gateway.p50Ms - busy.direct.p50Ms, 2),
      notes: `p99 +${round(busy.gateway.p99Ms - busy.direct.p99Ms, 2)} ms (queueing at saturation: lanes ÷ throughput)`,
    },
  ];
}
