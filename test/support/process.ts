import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { createTestDatabase, type TestDatabase } from './database.js';
import { ADMIN_TOKEN, TEST_SECRETS } from './gateway.js';

export const GATEWAY_MAIN = resolve('dist/apps/gateway/src/main.js');

export interface GatewayProcess {
  readonly child: ChildProcess;
  readonly url: string;
  output(): string;
  /** Resolves with the exit code once the process ends. */
  readonly exited: Promise<number | null>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** A free loopback port, for processes we spawn. */
export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => ok(port));
    });
  });
}

/** Spawns the built gateway (npm test builds first) as a real OS process on loopback. */
export async function spawnGateway(env: Record<string, string>): Promise<GatewayProcess> {
  if (!existsSync(GATEWAY_MAIN)) throw new Error(`${GATEWAY_MAIN} is missing: run npm run build`);
  const port = env.PORT ?? String(await freePort());
  const child = spawn(process.execPath, [GATEWAY_MAIN], {
    env: { PATH: process.env.PATH, HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env, PORT: port },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((ok) => child.once('exit', (code) => ok(code)));
  return {
    child,
    url: `http://127.0.0.1:${port}`,
    output: () => out,
    exited,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** Polls until the URL answers 200, the process exits, or the deadline passes. */
export async function waitForOk(
  gw: GatewayProcess,
  path = '/health/ready',
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void gw.exited.then(() => (exited = true));
  while (Date.now() < deadline && !exited) {
    try {
      const res = await fetch(`${gw.url}${path}`);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`gateway at ${gw.url} not ready: ${gw.output().slice(-2000)}`);
}

/**
 * Real gateway processes on one fresh database of this project's engine, background jobs on,
 * for the enclosing describe: every process is killed and the database dropped afterwards.
 */
export function useGatewayProcesses(): {
  /** The database the processes share (available once the suite started). */
  readonly db: TestDatabase;
  start(env?: Record<string, string>): Promise<GatewayProcess>;
  /** Runs after the processes are killed (close simulators here). */
  onCleanup(work: () => Promise<unknown>): void;
} {
  let db: TestDatabase | undefined;
  const processes: GatewayProcess[] = [];
  const cleanups: (() => Promise<unknown>)[] = [];
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop('SIGKILL')));
    for (const work of cleanups) await work();
    await db?.drop();
  });
  return {
    get db() {
      if (!db) throw new Error('the database exists once the suite has started');
      return db;
    },
    start: async (env = {}) => {
      const gw = await spawnGateway({
        DATABASE_URL: db!.url,
        ADMIN_TOKEN,
        ...(TEST_SECRETS as Record<string, string>),
        JOBS_ENABLED: 'true',
        ORDER_SYNC_INTERVAL_SECONDS: '1',
        UPSTREAM_EJECT_AFTER_FAILURES: '1000',
        UPSTREAM_EJECT_FAILURE_RATE_PERCENT: '0',
        ...env,
      });
      processes.push(gw);
      await waitForOk(gw);
      return gw;
    },
    onCleanup: (work) => cleanups.push(work),
  };
}
