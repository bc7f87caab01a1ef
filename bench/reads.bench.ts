import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
import { OrderSyncService } from '../apps/gateway/src/orders/sync/order-sync.service.js';
import { median, percentile, round, type BenchResult, benchSize } from './harness.js';
import { startBaselineServer, type BaselineServer } from './support/baseline-server.js';
import { sqliteDatabase } from './support/databases.js';
import { market, PLACEMENT_CATALOG, PLACEMENT_LOTS } from './support/placement-market.js';
import { startBenchGateway, type BenchGateway } from './support/gateway.js';
import { spawnSimulator, type SimProcess } from './support/sim-process.js';

const CONNECTIONS = 32;
const ROUNDS = benchSize('BENCH_READS_ROUNDS', 5, 2);
const ROUND_SECONDS = benchSize('BENCH_SECONDS', 5, 1);
const WARMUP_SECONDS = Math.max(1, Math.round(ROUND_SECONDS / 2));
const ORDERS = benchSize('BENCH_READS_ORDERS', 1000, 200);
const IDS_PER_STATUS = 100;

/** One HTTP request as autocannon sends it (plain data: it crosses to the load worker). */
interface HttpCall {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
}

/** What each side is sent, in rotation; `badText` in a 2xx answer counts as a failure. */
interface ReadPath {
  readonly name: string;
  readonly baselineName: string;
  readonly goal: number;
  readonly requests: readonly HttpCall[];
  readonly badText?: string;
}

interface Round {
  readonly ok: number;
  readonly failed: number;
  readonly seconds: number;
  readonly latencies: Float64Array;
  /** This process's main thread (the server under test) busy during the run, ms. */
  readonly busyMs: number;
  /** This process's CPU time (user + system) during the run, ms. */
  readonly cpuMs: number;
}

/**
 * Three partner reads of the real gateway (SQLite, jobs off) against hand-written Fastify servers
 * on the same database file (support/baseline-server.ts), in the same run: R1 `GET /v1/orders/{id}`
 * over 1,000 orders, R2 `GET /v1/services`, R3 API v2 `status` of 100 orders. autocannon on a worker
 * thread, 32 connections, interleaved rounds (gateway, baseline, …) after a warm-up of each.
 * The orders are placed through `POST /v1/orders`, completed on the simulated panel and swept once
 * (`OrderSyncService.sweep`): terminal orders are never refreshed on read, so every read is the
 * database's. Gateway and baseline answers are compared byte for byte before measuring.
 */
export async function run(): Promise<BenchResult[]> {
  const sim = await spawnSimulator({
    catalog: PLACEMENT_CATALOG,
    apiKey: 'bench-key-0123456789',
    balance: PLACEMENT_LOTS,
  });
  const db = sqliteDatabase();
  let gw: BenchGateway | undefined;
  let baseline: BaselineServer | undefined;
  try {
    gw = await startBenchGateway(db.url);
    const { token, partnerId, serviceId } = await market(gw, sim, [
      'services:read',
      'orders:read',
      'orders:write',
    ]);
    const ids = await placeOrders(gw, token, serviceId);
    await settle(gw, sim);
    const services = await fetch(`${gw.url}/v1/services`, { headers: bearer(token) });
    baseline = await startBaselineServer({
      sqlitePath: db.url.slice('sqlite:'.length),
      tokens: new Map([[token, partnerId]]),
      services: {
        body: await services.text(),
        contentType: services.headers.get('content-type') ?? 'application/json',
      },
    });
    const urls = { gateway: gw.url, baseline: baseline.url };
    // BENCH_READS=R1,R3 measures only those (names' first two characters).
    const only = process.env.BENCH_READS?.split(',');
    const paths = readPaths(token, ids).filter((p) => !only || only.includes(p.name.slice(0, 2)));
    for (const path of paths) await sameAnswers(path, urls);
    const statusCallsBefore = await statusCalls(sim);
    const results: BenchResult[] = [];
    for (const path of paths) results.push(...report(path, await measure(path, urls)));
    const upstream = (await statusCalls(sim)) - statusCallsBefore;
    results.push({
      name: 'status calls the simulated panel received while measuring',
      unit: '',
      value: upstream,
      notes: 'every order terminal (900 completed, 100 partial): reads never refresh upstream',
    });
    return results;
  } finally {
    await baseline?.close();
    await gw?.close();
    await sim.close();
    await db.drop();
  }
}

function readPaths(token: string, ids: number[]): ReadPath[] {
  const auth = bearer(token);
  const one = ids.map((id): HttpCall => ({
    method: 'GET',
    path: `/v1/orders/${id}`,
    headers: auth,
  }));
  const status = Array.from({ length: ids.length / IDS_PER_STATUS }, (_, w): HttpCall => ({
    method: 'POST',
    path: '/api/v2',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: `key=${encodeURIComponent(token)}&action=status&orders=${ids
      .slice(w * IDS_PER_STATUS, (w + 1) * IDS_PER_STATUS)
      .join(',')}`,
  }));
  const services: HttpCall[] = [{ method: 'GET', path: '/v1/services', headers: auth }];
  return [
    {
      name: `R1 GET /v1/orders/{id} (${ids.length} ids in rotation)`,
      baselineName: 'Fastify + better-sqlite3, one prepared SELECT',
      goal: 0.6,
      requests: one,
    },
    {
      name: 'R2 GET /v1/services',
      baselineName: 'Fastify sending the same bytes',
      goal: 0.7,
      requests: services,
    },
    {
      name: `R3 /api/v2 status, ${IDS_PER_STATUS} ids (${status.length} id sets in rotation)`,
      baselineName: 'Fastify + formbody + one prepared SELECT',
      goal: 0.5,
      requests: status,
      badText: '"error"',
    },
  ];
}

type Urls = { readonly gateway: string; readonly baseline: string };

/** Every request of the rotation once to each side: both 200, the same bytes. */
async function sameAnswers(path: ReadPath, urls: Urls): Promise<void> {
  for (const { method, path: url, headers, body } of path.requests) {
    const answer = async (base: string) => {
      const res = await fetch(`${base}${url}`, { method, headers, body });
      return `${res.status} ${await res.text()}`;
    };
    const [gateway, baseline] = await Promise.all([answer(urls.gateway), answer(urls.baseline)]);
    const bad = path.badText !== undefined && gateway.includes(path.badText);
    if (!gateway.startsWith('200 ') || bad || baseline !== gateway) {
      throw new Error(`${path.name} ${url}:\n gateway ${gateway}\n baseline ${baseline}`);
    }
  }
}

/** A warm-up of each side, then ROUNDS interleaved rounds: gateway, baseline, gateway, … */
async function measure(path: ReadPath, urls: Urls) {
  process.stderr.write(`  ${path.name}: ${ROUNDS} rounds of ${ROUND_SECONDS} s per side\n`);
  await cannon(path, urls.gateway, WARMUP_SECONDS);
  await cannon(path, urls.baseline, WARMUP_SECONDS);
  const rounds = { gateway: [] as Round[], baseline: [] as Round[] };
  for (let i = 0; i < ROUNDS; i++) {
    rounds.gateway.push(await cannon(path, urls.gateway, ROUND_SECONDS));
    rounds.baseline.push(await cannon(path, urls.baseline, ROUND_SECONDS));
  }
  return rounds;
}

function report(path: ReadPath, rounds: { gateway: Round[]; baseline: Round[] }): BenchResult[] {
  const perSecond = (r: Round) => r.ok / r.seconds;
  const side = (label: string, list: Round[]): BenchResult => {
    const rates = list.map(perSecond);
    const all = list.flatMap((r) => Array.from(r.latencies)).sort((a, b) => a - b);
    const requests = list.reduce((n, r) => n + r.ok, 0);
    const failed = list.reduce((n, r) => n + r.failed, 0);
    const busyMs = list.reduce((n, r) => n + r.busyMs, 0);
    const cpuMs = list.reduce((n, r) => n + r.cpuMs, 0);
    return {
      name: `${path.name}: ${label}`,
      unit: 'req/s',
      value: round(median(rates), 0),
      notes:
        `range ${round(Math.min(...rates), 0)}–${round(Math.max(...rates), 0)}; ` +
        `p50 ${round(percentile(all, 50), 2)} ms, p99 ${round(percentile(all, 99), 2)} ms; ` +
        `main thread ${round(busyMs / requests, 3)} ms, CPU ${round(cpuMs / requests, 3)} ms per answer; ` +
        `${requests.toLocaleString('en')} answers, ${failed} non-2xx/errors`,
    };
  };
  const ratios = rounds.gateway.map((g, i) => perSecond(g) / perSecond(rounds.baseline[i]!));
  const ratio = round(median(ratios), 3);
  // CPU per answer does not depend on how much of a core the machine's other load left.
  const cpuPerAnswer = (r: Round) => r.cpuMs / r.ok;
  const cpuRatios = rounds.gateway.map(
    (g, i) => cpuPerAnswer(rounds.baseline[i]!) / cpuPerAnswer(g),
  );
  return [
    side(`baseline (${path.baselineName})`, rounds.baseline),
    side('gateway', rounds.gateway),
    {
      name: `${path.name}: gateway ÷ baseline`,
      unit: 'x',
      value: ratio,
      goal: `≥ ${path.goal.toFixed(2)}`,
      notes: `${ratio >= path.goal ? '✔' : '✘'} median of per-round ratios ${ratios.map((r) => round(r, 3)).join(', ')}`,
    },
    {
      name: `${path.name}: CPU per answer, baseline ÷ gateway`,
      unit: 'x',
      value: round(median(cpuRatios), 3),
      notes: `the servers' process CPU time per answer (load generator apart); per round ${cpuRatios.map((r) => round(r, 3)).join(', ')}`,
    },
  ];
}

const AUTOCANNON = createRequire(import.meta.url).resolve('autocannon');

/**
 * The load generator (CommonJS, run with `node -e` in a process of its own, so the server
 * process's CPU time is the servers' alone): autocannon, and every 2xx latency in ms.
 */
const CANNON_CHILD = `
process.once('message', (spec) => {
  const autocannon = require(spec.autocannon);
  const latencies = [];
  let bad = 0;
  const check = spec.badText === undefined ? undefined : (_status, body) => {
    if (body.includes(spec.badText)) bad += 1;
  };
  const requests = spec.requests.map((r) => (check ? { ...r, onResponse: check } : r));
  const options = { url: spec.url, connections: spec.connections, duration: spec.seconds, requests };
  const run = autocannon(options, (error, result) => {
    if (error) throw error;
    process.send({
      ok: result['2xx'] - bad,
      failed: result.non2xx + result.errors + result.timeouts + bad,
      seconds: result.duration,
      latencies,
    }, () => process.exit(0));
  });
  run.on('response', (_client, status, _bytes, ms) => {
    if (status >= 200 && status < 300) latencies.push(ms);
  });
});
`;

/**
 * One autocannon run in a child process. While it runs, the other server in this process is
 * idle, so this process's event-loop busy time and CPU time (user + system, immune to the
 * machine's other load taking the core away) are the measured server's.
 */
async function cannon(path: ReadPath, url: string, seconds: number): Promise<Round> {
  const spec = { ...path, url, seconds, connections: CONNECTIONS, autocannon: AUTOCANNON };
  const child = spawn(process.execPath, ['-e', CANNON_CHILD], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  child.send(spec); // the spec (up to 1,000 requests) is too long for an environment variable
  const busy = performance.eventLoopUtilization();
  const cpu = process.cpuUsage();
  try {
    const round = await new Promise<Omit<Round, 'busyMs' | 'cpuMs'>>((resolve, reject) => {
      child.once('message', (message: Omit<Round, 'busyMs' | 'cpuMs'> & { latencies: number[] }) =>
        resolve({ ...message, latencies: Float64Array.from(message.latencies) }),
      );
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`load process exited with ${code}`)));
    });
    const used = process.cpuUsage(cpu);
    return {
      ...round,
      busyMs: performance.eventLoopUtilization(busy).active,
      cpuMs: (used.user + used.system) / 1000,
    };
  } finally {
    child.kill();
  }
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function statusCalls(sim: SimProcess): Promise<number> {
  return (await sim.control.state()).requestCounts.status ?? 0;
}

/** One provider on the simulator, one mapped service, a funded partner with a read/write token. */
/** ORDERS orders through `POST /v1/orders`, 16 at a time; their ids, ascending. */
async function placeOrders(gw: BenchGateway, token: string, serviceId: number): Promise<number[]> {
  const ids: number[] = [];
  const headers = { ...bearer(token), 'content-type': 'application/json' };
  await lanes(ORDERS, 16, async (i) => {
    const body = JSON.stringify({
      serviceId,
      link: `https://instagram.com/p/bench${i}`,
      quantity: 1000,
    });
    const res = await fetch(`${gw.url}/v1/orders`, { method: 'POST', headers, body });
    if (res.status !== 201) throw new Error(`placement: ${res.status} ${await res.text()}`);
    ids.push(((await res.json()) as { id: number }).id);
  });
  return ids.sort((a, b) => a - b);
}

/** Every order finished on the panel (one in ten Partial), then one sweep of the real app. */
async function settle(gw: BenchGateway, sim: SimProcess): Promise<void> {
  const data = gw.app.get(DataSource);
  const rows: { id: number; upstream: string }[] = await data.query(
    'SELECT id, upstream_order_id AS upstream FROM orders ORDER BY id',
  );
  await lanes(rows.length, 8, async (i) => {
    const { id, upstream } = rows[i]!;
    await sim.control.setOrderStatus(
      Number(upstream),
      id % 10 === 0
        ? { status: 'Partial', remains: 250, startCount: 5000 + id }
        : { status: 'Completed', remains: 0, startCount: 1000 + id },
    );
  });
  // Due at placement + ORDER_FIRST_POLL_SECONDS: sweep as of a minute from now.
  await gw.app.get(OrderSyncService).sweep(new Date(Date.now() + 60_000));
  const [done] = (await data.query(
    `SELECT COUNT(*) AS n FROM orders WHERE status IN ('completed', 'partial')`,
  )) as { n: number }[];
  if (Number(done?.n) !== rows.length) throw new Error(`${done?.n} of ${rows.length} terminal`);
}

async function lanes(count: number, width: number, fn: (i: number) => Promise<void>) {
  let next = 0;
  const lane = async () => {
    while (next < count) await fn(next++);
  };
  await Promise.all(Array.from({ length: width }, lane));
}
