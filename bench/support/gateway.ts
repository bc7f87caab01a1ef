import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Writable } from 'node:stream';
import { loadConfig } from '../../apps/gateway/src/config/app-config.js';
import { createGatewayApp } from '../../apps/gateway/src/create-app.js';

export const ADMIN_TOKEN = 'bench-admin-token-0123456789abcdef';

export interface BenchGateway {
  readonly app: NestFastifyApplication;
  /** http://127.0.0.1:PORT */
  readonly url: string;
  /** Calls the admin API; throws unless the answer is 2xx. */
  admin<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<T>;
  close(): Promise<void>;
}

/**
 * The real gateway app (the production factory): jobs off, log level warn (lines dropped), and a
 * per-token limit high enough not to throttle a load test.
 */
export async function createBenchApp(
  databaseUrl: string,
  env: Record<string, string> = {},
): Promise<NestFastifyApplication> {
  const config = loadConfig({
    DATABASE_URL: databaseUrl,
    ADMIN_TOKEN,
    ENCRYPTION_KEY: '11'.repeat(32),
    TOKEN_SECRET: '22'.repeat(32),
    JOBS_ENABLED: 'false',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    RATE_LIMIT_PER_MINUTE: '1000000',
    ...env,
  });
  const sink = new Writable({ write: (_chunk, _encoding, done) => done() });
  return createGatewayApp(config, { logDestination: sink });
}

/** The bench app listening on loopback, with an admin API client. */
export async function startBenchGateway(
  databaseUrl: string,
  env: Record<string, string> = {},
): Promise<BenchGateway> {
  const app = await createBenchApp(databaseUrl, env);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address() as { port: number };
  const url = `http://127.0.0.1:${address.port}`;
  return {
    app,
    url,
    admin: async <T>(method: string, path: string, body?: unknown) => {
      const res = await fetch(`${url}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${ADMIN_TOKEN}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
      return (text ? JSON.parse(text) : {}) as T;
    },
    close: () => app.close(),
  };
}
