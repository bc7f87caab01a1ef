import { DataSource } from 'typeorm';
import { round, timeMs, type BenchResult, benchSize } from './harness.js';
import { benchEngines, POSTGRES_SKIPPED, type BenchDatabase } from './support/databases.js';
import { createBenchApp, ADMIN_TOKEN } from './support/gateway.js';

const ORDERS = benchSize('BENCH_REPORT_ORDERS', 1_000_000, 2_000);
/** SQLite sums money through JS decimal functions (one call per row and figure): fewer rows. */
const SQLITE_ORDERS = benchSize('BENCH_REPORT_SQLITE_ORDERS', 100_000, 2_000);
const DAYS = 30;
const RUNS = benchSize('BENCH_REPORT_RUNS', 3, 1);

/**
 * Reports over a large orders table: the margin report (groupBy day and partner), the savings
 * report and the upstream-spend report, each through HTTP on the real app (app.inject), the
 * median of 3 runs after one warm-up. The table is seeded in SQL (one INSERT … SELECT over a
 * series): 50 partners, 200 services, 5 providers, two partner and two upstream currencies,
 * orders spread over 30 days, every one placed with a recorded cost, a tenth partially refunded,
 * a third with a reported charge.
 * Baseline in the same run: `SELECT COUNT(*), SUM(charge) FROM orders` over the same rows —
 * the cost of merely reading them once.
 */
export async function run(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  for (const open of benchEngines()) results.push(...(await engineRun(await open())));
  if (!process.env.BENCH_DATABASE_URL) {
    results.push({
      name: 'reports on PostgreSQL',
      unit: '',
      value: Number.NaN,
      notes: POSTGRES_SKIPPED,
    });
  }
  return results;
}

async function engineRun(db: BenchDatabase): Promise<BenchResult[]> {
  const postgres = db.engine === 'PostgreSQL';
  const count = postgres ? ORDERS : SQLITE_ORDERS;
  const app = await createBenchApp(db.url);
  try {
    await app.getHttpAdapter().getInstance().ready();
    const dataSource = app.get(DataSource);
    const seeded = await timeMs(() => seed(dataSource, postgres, count));
    const from = new Date(Date.UTC(2026, 10, 1)).toISOString();
    const to = new Date(Date.UTC(2026, 10, 1 + DAYS)).toISOString();
    const baseline = await median(async () => {
      await dataSource.query('SELECT COUNT(*) AS n, SUM(charge) AS s FROM orders');
    });
    const timed = async (path: string, check: (body: Record<string, unknown>) => void) =>
      median(async () => {
        const res = await app.inject({
          method: 'GET',
          url: path,
          query: { from, to },
          headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
        });
        if (res.statusCode !== 200) throw new Error(`${path}: ${res.statusCode} ${res.body}`);
        check(res.json());
      });
    const ordersIn = (body: Record<string, unknown>) => (body.totals as { orders: number }).orders;
    const expectAll = (body: Record<string, unknown>) => {
      if (ordersIn(body) !== count) throw new Error(`report covered ${ordersIn(body)} orders`);
    };
    const e = db.engine;
    const n = count.toLocaleString('en');
    const figures: [string, number][] = [
      ['margin, groupBy=day', await timed('/v1/admin/reports/margin?groupBy=day', expectAll)],
      [
        'margin, groupBy=partner',
        await timed('/v1/admin/reports/margin?groupBy=partner', expectAll),
      ],
      [
        'savings, groupBy=service',
        await timed('/v1/admin/reports/savings?groupBy=service', expectAll),
      ],
      ['upstream-spend', await timed('/v1/admin/reports/upstream-spend', () => undefined)],
    ];
    return [
      {
        name: `${e}: seeding ${n} orders (INSERT … SELECT)`,
        unit: 'ms',
        value: round(seeded.ms, 0),
      },
      {
        name: `${e}: baseline, COUNT + SUM(charge) over ${n} orders`,
        unit: 'ms',
        value: round(baseline, 0),
      },
      ...figures.map(([what, ms]) => ({
        name: `${e}: ${what} over ${n} orders (${DAYS} days)`,
        unit: 'ms',
        value: round(ms, 0),
        goal: postgres ? '≤ 2,000 ms' : undefined,
        notes: `${round(ms / baseline, 1)}x baseline`,
      })),
    ];
  } finally {
    await app.close();
    await db.drop();
  }
}

async function median(fn: () => Promise<void>): Promise<number> {
  await fn();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) samples.push((await timeMs(fn)).ms);
  return samples.sort((a, b) => a - b)[Math.floor(RUNS / 2)]!;
}

/**
 * Orders as the placement and the charge audit write them. Figures derive from the row number
 * so both engines hold the same data: rates of 0.5–1.499 per 1000, quantities of 100–1,099.
 */
async function seed(db: DataSource, postgres: boolean, count: number): Promise<void> {
  if (postgres) {
    await db.query(
      `INSERT INTO orders (partner_id, service_id, service_type, status, link, quantity, params,
        charge, currency, refunded, provider_id, upstream_service_id, upstream_order_id,
        can_refill, can_cancel, poll_count, created_at, charge_fx, upstream_rate,
        upstream_currency, upstream_fx, upstream_cost, upstream_cost_net, cost_base,
        next_best_cost_base, max_cost_base, upstream_charge, charge_mismatch)
      SELECT 1 + i % 50, 1 + i % 200, 'Default', 'completed', 'https://x.y/p', q, '{}',
        c * 1.2, CASE WHEN i % 2 = 0 THEN 'USD' ELSE 'EUR' END,
        CASE WHEN i % 10 = 0 THEN c * 0.3 ELSE 0 END, 1 + i % 5, '1', i::text, true, true, 0,
        TIMESTAMPTZ '2026-11-01' + (i % ${DAYS * 86_400}) * INTERVAL '1 second',
        CASE WHEN i % 2 = 0 THEN 1 ELSE 1.08 END, r,
        CASE WHEN i % 5 = 0 THEN 'EUR' ELSE 'USD' END, CASE WHEN i % 5 = 0 THEN 1.08 ELSE 1 END,
        c, CASE WHEN i % 10 = 0 THEN c * 0.75 ELSE c END, c, c * 1.1, c * 1.3,
        CASE WHEN i % 3 = 0 THEN c END, i % 97 = 0
      FROM (SELECT i, 100 + i % 1000 AS q, 0.5 + (i % 1000) / 1000.0 AS r,
        (0.5 + (i % 1000) / 1000.0) * (100 + i % 1000) / 1000 AS c
        FROM generate_series(1, ${count}) AS i) s`,
    );
    await db.query('ANALYZE orders');
    return;
  }
  // SQLite: decimal text computed with integer arithmetic (printf of exact milli/micro units).
  const dec = (units: string, scale: number) =>
    `rtrim(rtrim(printf('%d.%0${scale}d', (${units}) / ${10 ** scale}, (${units}) % ${10 ** scale}), '0'), '.')`;
  const c = '((500 + i % 1000) * (100 + i % 1000))'; // cost in 10^-6
  await db.query(
    `WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < ${count})
    INSERT INTO orders (partner_id, service_id, service_type, status, link, quantity, params,
      charge, currency, refunded, provider_id, upstream_service_id, upstream_order_id,
      can_refill, can_cancel, poll_count, created_at, charge_fx, upstream_rate,
      upstream_currency, upstream_fx, upstream_cost, upstream_cost_net, cost_base,
      next_best_cost_base, max_cost_base, upstream_charge, charge_mismatch)
    SELECT 1 + i % 50, 1 + i % 200, 'Default', 'completed', 'https://x.y/p', 100 + i % 1000, '{}',
      ${dec(`${c} * 12`, 7)}, CASE WHEN i % 2 = 0 THEN 'USD' ELSE 'EUR' END,
      CASE WHEN i % 10 = 0 THEN ${dec(`${c} * 3`, 7)} ELSE '0' END, 1 + i % 5, '1', i, 1, 1, 0,
      strftime('%Y-%m-%d %H:%M:%f', '2026-11-01', '+' || (i % ${DAYS * 86_400}) || ' seconds'),
      CASE WHEN i % 2 = 0 THEN '1' ELSE '1.08' END, ${dec('500 + i % 1000', 3)},
      CASE WHEN i % 5 = 0 THEN 'EUR' ELSE 'USD' END, CASE WHEN i % 5 = 0 THEN '1.08' ELSE '1' END,
      ${dec(c, 6)}, CASE WHEN i % 10 = 0 THEN ${dec(`${c} * 75`, 8)} ELSE ${dec(c, 6)} END,
      ${dec(c, 6)}, ${dec(`${c} * 11`, 7)}, ${dec(`${c} * 13`, 7)},
      CASE WHEN i % 3 = 0 THEN ${dec(c, 6)} END, i % 97 = 0
    FROM s`,
  );
}
