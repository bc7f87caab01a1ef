import { once } from 'node:events';
import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { DataSource } from 'typeorm';
import { AppConfig } from '../apps/gateway/src/config/app-config.js';
import { chunks, SqlDialect } from '../apps/gateway/src/database/sql-dialect.js';
import { Transactions } from '../apps/gateway/src/database/transactions.js';
import { OrderEvents } from '../apps/gateway/src/orders/events/order-events.js';
import { percentile, round, type BenchResult } from './harness.js';
import { benchEngines, POSTGRES_SKIPPED, type BenchDatabase } from './support/databases.js';
import { startBenchGateway, type BenchGateway } from './support/gateway.js';

const RATE = 1000;
const TICK_MS = 10;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP = RATE; // the first second's events are sent and checked, not timed
const EVENTS = WARMUP + RATE * SECONDS;
const DRAIN_MS = 30_000;
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
    results.push({
      name: 'webhooks on PostgreSQL',
      unit: '',
      value: Number.NaN,
      notes: POSTGRES_SKIPPED,
    });
  }
  return results;
}

interface Arrival {
  readonly at: number;
  readonly body: string;
  readonly headers: Record<string, string>;
  /** The baseline's request number (its x-bench header). */
  readonly tag: number;
}

/** A node:http receiver on loopback: every POST answered 204, kept by path with its arrival time. */
async function startReceiver() {
  const arrivals = new Map<string, Arrival[]>([
    ['/hook', []],
    ['/direct', []],
  ]);
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

/** Resolves once `done()` holds, or after `ms` without it. */
async function until(done: () => boolean, ms: number): Promise<void> {
  const end = performance.now() + ms;
  while (!done() && performance.now() < end) await new Promise((r) => setTimeout(r, 20));
}

const summary = (latencies: number[]) => {
  const sorted = latencies.sort((a, b) => a - b);
  const p = (q: number) => round(percentile(sorted, q), 1);
  return { p50: p(50), p95: p(95), p99: p(99), max: p(100) };
};

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

/** A partner with an endpoint at the receiver; EVENTS of its orders, seeded in SQL. */
async function setup(gw: BenchGateway, receiver: Receiver) {
  const partner = await gw.admin<{ id: number }>('POST', '/v1/admin/partners', { name: 'bench' });
  const { token } = await gw.admin<{ token: string }>(
    'POST',
    `/v1/admin/partners/${partner.id}/tokens`,
    {
      scopes: ['webhooks:write'],
      name: 'bench',
    },
  );
  const res = await fetch(`${gw.url}/v1/webhooks`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ url: `${receiver.url}/hook`, events: ['order.updated'] }),
  });
  if (res.status !== 201) throw new Error(`POST /v1/webhooks: ${res.status} ${await res.text()}`);
  const { secret } = (await res.json()) as { secret: string };
  const dataSource = gw.app.get(DataSource);
  const sql = new SqlDialect(dataSource);
  const now = sql.timestamp(new Date());
  const row = [partner.id, 1, 'Default', 'in_progress', 'https://instagram.com/p/bench', 1000];
  const rows = Array.from({ length: EVENTS }, (_, i) => [...row, '{}', '0.5', 'USD', '0', i, now]);
  for (const part of chunks(rows, 500)) {
    const values = part.map((r, i) => sql.row(i * r.length, r.length));
    await dataSource.query(
      `INSERT INTO orders (partner_id, service_id, service_type, status, link, quantity, params,
        charge, currency, refunded, remains, created_at) VALUES ${values.join(', ')}`,
      part.flat(),
    );
  }
  const ids: { id: number | string }[] = await dataSource.query(
    'SELECT id FROM orders ORDER BY id',
  );
  if (dataSource.options.type === 'postgres') await dataSource.query('ANALYZE orders');
  return { partnerId: partner.id, secret, orderIds: ids.map((r) => Number(r.id)) };
}

async function throughGateway(gw: BenchGateway, receiver: Receiver) {
  const { partnerId, secret, orderIds } = await setup(gw, receiver);
  const transactions = gw.app.get(Transactions);
  const events = gw.app.get(OrderEvents);
  const committed = new Float64Array(EVENTS);
  let failed = 0;
  const arrivals = receiver.arrivals.get('/hook')!;
  const start = performance.now();
  await paced(EVENTS, (i) => {
    transactions
      .run((m) => events.changed(m, [{ id: orderIds[i]!, partnerId }]))
      .then(() => (committed[i] = performance.now()))
      .catch(() => failed++);
  });
  await until(() => committed.every((t) => t > 0) || failed > 0, DRAIN_MS);
  const emitMs = Math.max(...committed) - start;
  await until(() => arrivals.length >= EVENTS, DRAIN_MS);
  await new Promise((r) => setTimeout(r, 500)); // let a late duplicate show up
  const index = new Map(orderIds.map((id, i) => [id, i]));
  const seen = new Array<number>(EVENTS).fill(0);
  const latencies: number[] = [];
  const bodies: Arrival[] = [];
  const wh = new Webhook(secret);
  let badSignatures = 0;
  for (const a of arrivals) {
    const i = index.get((JSON.parse(a.body) as { data: { id: number } }).data.id)!;
    if (seen[i]++ > 0) continue;
    if (i >= WARMUP) latencies.push(a.at - committed[i]!);
    bodies[i] = a;
    try {
      wh.verify(a.body, a.headers);
    } catch {
      badSignatures++;
    }
  }
  const stats: { n: number | string; attempts: number | string }[] = await gw.app
    .get(DataSource)
    .query(
      `SELECT COUNT(*) AS n, SUM(attempts) AS attempts FROM webhook_deliveries WHERE status = 'delivered'`,
    );
  return {
    ...summary(latencies),
    perSecond: Math.round(((EVENTS - failed) * 1000) / emitMs),
    deliveredPerSecond: Math.round((arrivals.length * 1000) / (arrivals.at(-1)!.at - start)),
    lost: seen.filter((n) => n === 0).length,
    duplicates: seen.reduce((sum, n) => sum + Math.max(0, n - 1), 0),
    failed,
    badSignatures,
    attempts: Number(stats[0]!.attempts),
    deliveredRows: Number(stats[0]!.n),
    pollMs: gw.app.get(AppConfig).webhooks.pollMs,
    bodies,
  };
}

/** The same bodies and headers POSTed straight to the receiver at the same pace. */
async function baseline(receiver: Receiver, bodies: Arrival[]) {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const fallback = bodies.find(Boolean)!;
  const sentAt = new Float64Array(EVENTS);
  const arrivals = receiver.arrivals.get('/direct')!;
  let errors = 0;
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
  await until(() => arrivals.length + errors >= EVENTS, DRAIN_MS);
  agent.destroy();
  const timed = arrivals.filter((a) => a.tag >= WARMUP);
  return { ...summary(timed.map((a) => a.at - sentAt[a.tag]!)), errors };
}

type Delivered = Awaited<ReturnType<typeof throughGateway>>;
type Direct = Awaited<ReturnType<typeof baseline>>;

function report(e: string, d: Delivered, b: Direct): BenchResult[] {
  const ms = (name: string, value: number, notes: string): BenchResult => ({
    name: `${e}: ${name}`,
    unit: 'ms',
    value,
    notes,
  });
  const x = (q: 'p50' | 'p99') => `${round(d[q] / b[q], 1)}x baseline ${q}`;
  const timed = `${EVENTS - WARMUP} events after a ${WARMUP}-event warm-up`;
  return [
    ms(
      'baseline, the same bodies POSTed straight to the receiver, p50',
      b.p50,
      `p95 ${b.p95} ms, p99 ${b.p99} ms, max ${b.max} ms; keep-alive Agent; ${b.errors} errors`,
    ),
    ms(
      'order.updated, commit → receiver, p50',
      d.p50,
      `${x('p50')}; ${timed}; WEBHOOK_POLL_MS ${d.pollMs} (default), woken in-process by DeliverySignal`,
    ),
    ms('order.updated, commit → receiver, p95', d.p95, ''),
    ms('order.updated, commit → receiver, p99', d.p99, x('p99')),
    ms('order.updated, commit → receiver, max', d.max, `baseline max ${b.max} ms`),
    {
      name: `${e}: events committed per second (one transaction each)`,
      unit: 'events/s',
      value: d.perSecond,
      goal: `${RATE.toLocaleString('en')}/s`,
      notes: `${d.failed} transactions failed; received at ${d.deliveredPerSecond}/s`,
    },
    {
      name: `${e}: events lost / received twice`,
      unit: '',
      value: d.lost,
      goal: '0',
      notes: `${d.duplicates} duplicates of ${EVENTS} events; ${d.badSignatures} bad signatures; ${d.deliveredRows} deliveries delivered in ${d.attempts} attempts`,
    },
  ];
}
