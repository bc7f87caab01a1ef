import { once } from 'node:events';
import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { DataSource } from 'typeorm';
import { AppConfig } from '../apps/gateway/src/config/app-config.js';
import { chunks, SqlDialect } from '../apps/gateway/src/database/sql-dialect.js';
import { Transactions } from '../apps/gateway/src/database/transactions.js';
import { OrderEvents } from '../apps/gateway/src/orders/events/order-events.js';
import { percentile, round, type BenchResult, benchSize } from './harness.js';
import { benchEngines, POSTGRES_SKIPPED, type BenchDatabase } from './support/databases.js';
import { startBenchGateway, type BenchGateway } from './support/gateway.js';

const RATE = 1000;
const TICK_MS = 10;
const SECONDS = benchSize('BENCH_SECONDS', 10, 1);
const WARMUP = RATE; // the first second's events are sent and checked, not timed
const EVENTS = WARMUP + RATE * SECONDS;
/** A committed event not received once arrivals stalled this long (> an attempt's 10 s timeout
 * plus the first retry's 4–6 s) is lost. */
const STALL_MS = 30_000;
const SIGNED = ['webhook-id', 'webhook-timestamp', 'webhook-signature'] as const;

/**
 * Webhook delivery latency at a sustained 1,000 events/s: one `order.updated` per transaction,
 * written by `OrderEvents.changed` (the status sweep's own path, minus the upstream call) for
 * orders seeded in SQL (each order changes once), paced 10 every 10 ms; latency is from the
 * transaction's commit to the signed POST's arrival at a node:http receiver on loopback. The real
 * app runs with its webhook defaults (WEBHOOK_ALLOW_PRIVATE=true only), so its in-process
 * DeliverySignal wakes the delivery loop. Producer, gateway and receiver share this process.
 * Baseline in the same run: the bodies and headers received, POSTed straight to the receiver at
 * the same pace with a keep-alive Agent (the HTTP hop alone). Signatures are verified afterwards.
 */
export async function run(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  for (const open of benchEngines()) results.push(...(await engineRun(await open())));
  if (!process.env.BENCH_DATABASE_URL) {
    const skipped = { name: 'webhooks on PostgreSQL', unit: '', value: Number.NaN };
    results.push({ ...skipped, notes: POSTGRES_SKIPPED });
  }
  return results;
}

interface Arrival {
  readonly at: number;
  readonly body: string;
  readonly headers: Record<string, string>;
  readonly tag: number; // the baseline's request number (its x-bench header)
}

/** A node:http receiver on loopback: every POST answered 204, kept by path with its arrival time. */
async function startReceiver() {
  const arrivals = new Map(['/hook', '/direct'].map((path) => [path, [] as Arrival[]]));
  const server = createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (chunk: Buffer) => parts.push(chunk));
    req.on('end', () => {
      const at = performance.now();
      res.writeHead(204).end();
      const headers = Object.fromEntries(SIGNED.map((h) => [h, String(req.headers[h])]));
      const body = Buffer.concat(parts).toString();
      arrivals.get(req.url ?? '')?.push({ at, body, headers, tag: Number(req.headers['x-bench']) });
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, arrivals, close: () => new Promise((done) => server.close(done)) };
}
type Receiver = Awaited<ReturnType<typeof startReceiver>>;

async function engineRun(db: BenchDatabase): Promise<BenchResult[]> {
  const receiver = await startReceiver();
  try {
    const gw = await startBenchGateway(db.url, { WEBHOOK_ALLOW_PRIVATE: 'true' });
    const delivered = await throughGateway(gw, receiver).finally(() => gw.close());
    const direct = await baseline(receiver, delivered.bodies);
    return report(db.engine, delivered, direct);
  } finally {
    await receiver.close();
    await db.drop();
  }
}

/** Calls `send(0…count-1)` at RATE/s, TICK_MS apart, catching up after a late tick. */
function paced(count: number, send: (i: number) => void): Promise<void> {
  const perTick = (RATE * TICK_MS) / 1000;
  const start = performance.now();
  let sent = 0;
  return new Promise((resolve) => {
    const tick = () => {
      const elapsed = performance.now() - start;
      const due = Math.min(count, (Math.floor(elapsed / TICK_MS) + 1) * perTick);
      while (sent < due) send(sent++);
      if (sent >= count) return resolve();
      setTimeout(tick, TICK_MS - (elapsed % TICK_MS));
    };
    tick();
  });
}

/** Waits until `progress()` reaches `count`, or until it stalled for STALL_MS. */
async function drained(progress: () => number, count: number): Promise<void> {
  let [seen, since] = [-1, performance.now()];
  while (progress() < count && performance.now() - since < STALL_MS) {
    if (progress() !== seen) [seen, since] = [progress(), performance.now()];
    await new Promise((r) => setTimeout(r, 20));
  }
}

const summary = (latencies: number[]) => {
  const sorted = latencies.sort((a, b) => a - b);
  const p = (q: number) => round(percentile(sorted, q), 1);
  return { p50: p(50), p95: p(95), p99: p(99), max: p(100), n: sorted.length };
};

/** This process's CPU time (all threads) since `from`, in ms per event. */
const cpuMsPer = ({ user, system }: NodeJS.CpuUsage) => round((user + system) / 1000 / EVENTS, 3);

/** A partner with an endpoint at the receiver; EVENTS of its orders, seeded in SQL. */
async function setup(gw: BenchGateway, receiver: Receiver) {
  const partner = await gw.admin<{ id: number }>('POST', '/v1/admin/partners', { name: 'bench' });
  const tokens = `/v1/admin/partners/${partner.id}/tokens`;
  const scopes = { scopes: ['webhooks:write'], name: 'bench' };
  const issued = await gw.admin<{ token: string }>('POST', tokens, scopes);
  const res = await fetch(`${gw.url}/v1/webhooks`, {
    method: 'POST',
    headers: { authorization: `Bearer ${issued.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ url: `${receiver.url}/hook`, events: ['order.updated'] }),
  });
  if (res.status !== 201) throw new Error(`POST /v1/webhooks: ${res.status} ${await res.text()}`);
  const { secret } = (await res.json()) as { secret: string };
  const dataSource = gw.app.get(DataSource);
  const sql = new SqlDialect(dataSource);
  const now = sql.timestamp(new Date());
  const order = [partner.id, 1, 'Default', 'in_progress', 'https://instagram.com/p/bench', 1000];
  const rows = Array.from({ length: EVENTS }, (_, i) => [...order, '{}', '0.5', 'USD', i, now]);
  for (const part of chunks(rows, 500)) {
    const values = part.map((row, i) => sql.row(i * row.length, row.length));
    await dataSource.query(
      `INSERT INTO orders (partner_id, service_id, service_type, status, link, quantity, params,
        charge, currency, remains, created_at) VALUES ${values.join(', ')}`,
      part.flat(),
    );
  }
  if (dataSource.options.type === 'postgres') await dataSource.query('ANALYZE orders');
  const ids: { id: number | string }[] = await dataSource.query('SELECT id FROM orders');
  return { partnerId: partner.id, secret, orderIds: ids.map((r) => Number(r.id)) };
}

async function throughGateway(gw: BenchGateway, receiver: Receiver) {
  const { partnerId, secret, orderIds } = await setup(gw, receiver);
  const transactions = gw.app.get(Transactions);
  const orderEvents = gw.app.get(OrderEvents);
  const committed = new Float64Array(EVENTS);
  const failures = new Map<string, number>();
  let failed = 0;
  const [start, cpu] = [performance.now(), process.cpuUsage()];
  await paced(EVENTS, (i) => {
    transactions
      .run((m) => orderEvents.changed(m, [{ id: orderIds[i]!, partnerId }]))
      .then(() => (committed[i] = performance.now()))
      .catch((error: Error) => {
        failed++;
        failures.set(error.message, (failures.get(error.message) ?? 0) + 1);
      });
  });
  const arrivals = receiver.arrivals.get('/hook')!;
  const index = new Map(orderIds.map((id, i) => [id, i]));
  const eventOf = (a: Arrival) =>
    index.get((JSON.parse(a.body) as { data: { id: number } }).data.id)!;
  const [received, read] = [new Set<number>(), { count: 0 }];
  const unique = () => {
    for (; read.count < arrivals.length; read.count++) received.add(eventOf(arrivals[read.count]!));
    return received.size + failed;
  };
  await drained(unique, EVENTS);
  const cpuMsPerEvent = cpuMsPer(process.cpuUsage(cpu));
  await new Promise((r) => setTimeout(r, 500)); // time for a late duplicate to show
  const copies = new Array<number>(EVENTS).fill(0);
  const [latencies, bodies]: [number[], Arrival[]] = [[], []];
  const verifier = new Webhook(secret);
  let badSignatures = 0;
  for (const a of arrivals) {
    const i = eventOf(a);
    if (copies[i]++ > 0) continue;
    if (i >= WARMUP && committed[i]! > 0) latencies.push(a.at - committed[i]!);
    bodies[i] = a;
    try {
      verifier.verify(a.body, a.headers);
    } catch {
      badSignatures++;
    }
  }
  const statuses: Record<string, unknown>[] = await gw.app.get(DataSource).query(`SELECT status,
    COUNT(*) AS n, SUM(attempts) AS attempts FROM webhook_deliveries GROUP BY status`);
  const [error] = [...failures].sort((a, b) => b[1] - a[1]);
  return {
    ...summary(latencies),
    perSecond: Math.round(((EVENTS - failed) * 1000) / (Math.max(...committed) - start)),
    receivedPerSecond: Math.round((received.size * 1000) / ((arrivals.at(-1)?.at ?? NaN) - start)),
    lost: copies.filter((n, i) => n === 0 && committed[i]! > 0).length,
    duplicates: copies.reduce((sum, n) => sum + Math.max(0, n - 1), 0),
    failed: failed + (error ? ` (${error[1]}× "${error[0].slice(0, 60)}")` : ''),
    badSignatures,
    deliveries: statuses.map((r) => `${r.status} ${r.n} (${r.attempts} attempts)`).join(', '),
    pollMs: gw.app.get(AppConfig).webhooks.pollMs,
    cpuMsPerEvent,
    bodies,
  };
}

/** The same bodies and headers POSTed straight to the receiver at the same pace. */
async function baseline(receiver: Receiver, bodies: Arrival[]) {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 }); // as the gateway's sender
  const fallback = bodies.find(Boolean)!;
  const sentAt = new Float64Array(EVENTS);
  const arrivals = receiver.arrivals.get('/direct')!;
  let errors = 0;
  const cpu = process.cpuUsage();
  await paced(EVENTS, (i) => {
    const { body, headers } = bodies[i] ?? fallback;
    sentAt[i] = performance.now();
    const req = request(`${receiver.url}/direct`, {
      method: 'POST',
      agent,
      headers: { ...headers, 'x-bench': i, 'content-type': 'application/json' },
    });
    req.on('response', (res) => res.resume());
    req.on('error', () => errors++);
    req.end(body);
  });
  await drained(() => arrivals.length + errors, EVENTS);
  const cpuMsPerEvent = cpuMsPer(process.cpuUsage(cpu));
  agent.destroy();
  const timed = arrivals.filter((a) => a.tag >= WARMUP).map((a) => a.at - sentAt[a.tag]!);
  return { ...summary(timed), errors, cpuMsPerEvent };
}

type Delivered = Awaited<ReturnType<typeof throughGateway>>;
type Direct = Awaited<ReturnType<typeof baseline>>;

function report(e: string, d: Delivered, b: Direct): BenchResult[] {
  const row = (name: string, unit: string, value: number, notes = '', goal?: string) =>
    ({ name: `${e}: ${name}`, unit, value, notes, goal }) satisfies BenchResult;
  const x = (q: 'p50' | 'p99') => `${round(d[q] / b[q], 1)}x baseline ${q}`;
  const latency = 'order.updated, commit → arrival at the receiver,';
  const notes = {
    direct: `p95 ${b.p95} ms, p99 ${b.p99} ms, max ${b.max} ms; ${b.n} timed, ${b.errors} errors`,
    p50:
      `${x('p50')}; ${d.n} timed after a ${WARMUP}-event warm-up; WEBHOOK_POLL_MS ${d.pollMs} ` +
      '(default), woken in-process by DeliverySignal',
    rate:
      `received at ${d.receivedPerSecond}/s; ${d.failed} of ${EVENTS} transactions failed; process CPU ` +
      `${d.cpuMsPerEvent} ms per event (producer, gateway, receiver), ${b.cpuMsPerEvent} in the baseline`,
    lost: `committed, never received; ${d.duplicates} received twice; ${d.badSignatures} bad signatures; deliveries: ${d.deliveries}`,
  };
  return [
    row('baseline: the same POSTs straight to the receiver, p50', 'ms', b.p50, notes.direct),
    row(`${latency} p50`, 'ms', d.p50, notes.p50),
    row(`${latency} p95`, 'ms', d.p95),
    row(`${latency} p99`, 'ms', d.p99, x('p99')),
    row(`${latency} max`, 'ms', d.max, `baseline max ${b.max} ms`),
    row('events committed per second (one each)', 'events/s', d.perSecond, notes.rate, '1,000/s'),
    row('events lost', '', d.lost, notes.lost, '0'),
  ];
}
