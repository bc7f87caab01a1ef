import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pg from 'pg';
import { SmmApiClient } from '#smm-protocol';
import {
  CatalogSyncService,
  type SyncResult,
} from '../apps/gateway/src/catalog/catalog-sync.service.js';
import { loadConfig } from '../apps/gateway/src/config/app-config.js';
import { createGatewayApp } from '../apps/gateway/src/create-app.js';
import { ProvidersService } from '../apps/gateway/src/providers/providers.service.js';
import {
  generateCatalog,
  startSimulator,
  type SimService,
  type SimulatorHandle,
} from '../apps/provider-sim/src/index.js';
import { median, round, timeMs, type BenchResult, benchSize } from './harness.js';

const COUNT = benchSize('BENCH_SYNC_OFFERS', 5_000, 200);
const RUNS = benchSize('BENCH_SYNC_RUNS', 3, 1);
const GOAL = '≤ 2000 ms';

/**
 * Syncing one 5,000-service upstream (a simulated panel over loopback HTTP) into the gateway's
 * database: the first sync (5,000 new offers), a resync after 10% of prices changed, 1% left and
 * 1% arrived, and a resync with nothing changed. Median of 3 providers each. SQLite always;
 * PostgreSQL when BENCH_DATABASE_URL points at a server (a database is created and dropped).
 * Baseline in the same run: fetching and JSON.parse-ing the same catalog, nothing else.
 */
export async function run(): Promise<BenchResult[]> {
  const catalog = generateCatalog({ count: COUNT, seed: 42 });
  const sim = await startSimulator({ catalog, seed: 1 });
  const results: BenchResult[] = [];
  try {
    const raw = await repeat(async () => {
      const res = await fetch(sim.url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ key: sim.apiKey, action: 'services' }).toString(),
      });
      return (JSON.parse(await res.text()) as unknown[]).length;
    });
    const client = new SmmApiClient({ url: sim.url, apiKey: sim.apiKey });
    const parsed = await repeat(async () => {
      const outcome = await client.services();
      if (outcome.kind !== 'success') throw new Error(`services: ${outcome.kind}`);
      return outcome.value.services.length;
    });
    results.push(
      { name: 'baseline: fetch + JSON.parse of 5,000 services', unit: 'ms', value: round(raw, 1) },
      {
        name: 'protocol client: fetch + tolerant parse (exact decimals)',
        unit: 'ms',
        value: round(parsed, 1),
        notes: `${round(parsed / raw, 1)}x baseline`,
      },
    );
    results.push(...(await engineRun('SQLite', sim, catalog, raw)));
    const pgUrl = process.env.BENCH_DATABASE_URL;
    if (pgUrl) results.push(...(await engineRun('PostgreSQL', sim, catalog, raw, pgUrl)));
    else {
      results.push({
        name: 'sync on PostgreSQL',
        unit: '',
        value: Number.NaN,
        notes: 'skipped: set BENCH_DATABASE_URL=postgres://… to include it',
      });
    }
  } finally {
    await sim.close();
  }
  return results;
}

async function engineRun(
  engine: string,
  sim: SimulatorHandle,
  catalog: SimService[],
  baselineMs: number,
  adminUrl?: string,
): Promise<BenchResult[]> {
  const db = adminUrl ? await postgresDatabase(adminUrl) : sqliteDatabase();
  await sim.control.setCatalog(catalog);
  const config = loadConfig({
    DATABASE_URL: db.url,
    ENCRYPTION_KEY: '11'.repeat(32),
    TOKEN_SECRET: '22'.repeat(32),
    JOBS_ENABLED: 'false',
    LOG_LEVEL: 'warn',
  });
  const sink = new Writable({ write: (_chunk, _encoding, done) => done() });
  const app = await createGatewayApp(config, { logDestination: sink });
  try {
    const providers = app.get(ProvidersService);
    const sync = app.get(CatalogSyncService);
    const ids: number[] = [];
    for (let i = 1; i <= RUNS; i++) {
      const created = await providers.create(
        { name: `bench ${i}`, apiUrl: sim.url, apiKey: sim.apiKey },
        'bench',
      );
      ids.push(created.id);
    }
    const first = await syncAll(sync, ids);
    await sim.control.setCatalog(changed(catalog));
    const second = await syncAll(sync, ids);
    const third = await syncAll(sync, ids);
    const row = (label: string, runs: Timed[]) => {
      const ms = median(runs.map((r) => r.ms));
      const r = runs[0]!.result;
      return {
        name: `sync on ${engine}: ${label}`,
        unit: 'ms',
        value: round(ms, 0),
        goal: GOAL,
        notes: `new ${r.new}, changed ${r.changed}, removed ${r.removed}; ${round(ms / baselineMs, 1)}x baseline`,
      };
    };
    return [
      row('first sync (5,000 new offers)', first),
      row('resync after 10% price changes, 1% gone, 1% new', second),
      row('resync, nothing changed', third),
    ];
  } finally {
    await app.close();
    await db.drop();
  }
}

interface Timed {
  ms: number;
  result: SyncResult;
}

async function syncAll(sync: CatalogSyncService, ids: number[]): Promise<Timed[]> {
  const out: Timed[] = [];
  for (const id of ids) {
    const { ms, value } = await timeMs(() => sync.sync(id));
    out.push({ ms, result: value });
  }
  return out;
}

/** The catalog after a busy day upstream: prices moved, some services left, some arrived. */
function changed(catalog: SimService[]): SimService[] {
  const next = catalog
    .filter((_, i) => i % 100 !== 1)
    .map((s, i) => (i % 10 === 0 ? { ...s, rate: (Number(s.rate) * 1.05).toFixed(5) } : s));
  const extra = generateCatalog({ count: COUNT / 100, seed: 7, startId: 1_000_000 });
  return [...next, ...extra];
}

async function repeat(fn: () => Promise<unknown>): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < 5; i++) times.push((await timeMs(fn)).ms);
  return median(times);
}

function sqliteDatabase(): { url: string; drop(): Promise<void> } {
  const dir = mkdtempSync(join(tmpdir(), 'gw-bench-'));
  return {
    url: `sqlite:${join(dir, 'gateway.sqlite')}`,
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

async function postgresDatabase(adminUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `gw_bench_${randomBytes(6).toString('hex')}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
