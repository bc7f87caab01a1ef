import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Writable } from 'node:stream';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import { loadConfig, type AppConfig } from '../../apps/gateway/src/config/app-config.js';
import type { Env } from '../../apps/gateway/src/config/env-schema.js';
import { createGatewayApp } from '../../apps/gateway/src/create-app.js';
import type { AppOptions } from '../../apps/gateway/src/app.module.js';
import { createTestDatabase, type TestDatabase } from './database.js';
import { Global, Module } from '@nestjs/common';
import {
  WEBHOOK_RESOLVER_OVERRIDE,
  type HostResolver,
} from '../../apps/gateway/src/webhooks/target-guard.js';

/** Names webhook targets may use in tests; anything else does not resolve (no DNS query is sent). */
export const STUB_HOSTS: Record<string, string[]> = {
  localhost: ['127.0.0.1', '::1'],
  'hooks.example.com': ['93.184.216.34'],
  'rebound.example.com': ['93.184.216.34', '10.0.0.5'],
};
const stubResolver: HostResolver = (host) =>
  STUB_HOSTS[host] ? Promise.resolve(STUB_HOSTS[host]) : Promise.reject(new Error('ENOTFOUND'));

@Global()
@Module({
  providers: [{ provide: WEBHOOK_RESOLVER_OVERRIDE, useValue: stubResolver }],
  exports: [WEBHOOK_RESOLVER_OVERRIDE],
})
class StubResolverModule {}

export const ADMIN_TOKEN = 'e2e-admin-token-0123456789abcdef';
export const TEST_SECRETS: Env = {
  ENCRYPTION_KEY: '11'.repeat(32),
  TOKEN_SECRET: '22'.repeat(32),
};

export interface TestGateway {
  readonly app: NestFastifyApplication;
  readonly config: AppConfig;
  readonly db: TestDatabase;
  /** Every log line the app wrote, raw JSON text. */
  readonly logs: string[];
  http(): TestAgent;
  /** Authorization header value for the environment admin token. */
  readonly admin: { Authorization: string };
  close(): Promise<void>;
}

export interface StartOptions {
  env?: Env;
  db?: TestDatabase;
  extraImports?: AppOptions['extraImports'];
}

/** Starts the real gateway (same factory as main.ts) on a fresh database of this project's engine. */
export async function startGateway(options: StartOptions = {}): Promise<TestGateway> {
  const db = options.db ?? (await createTestDatabase());
  const config = loadConfig({
    DATABASE_URL: db.url,
    ADMIN_TOKEN,
    LOG_LEVEL: 'info',
    JOBS_ENABLED: 'false',
    // Tests of other features fault their panels on purpose: no automatic ejection unless a test
    // asks for it (test/operability/ejection.e2e-spec.ts).
    UPSTREAM_EJECT_AFTER_FAILURES: '1000',
    UPSTREAM_EJECT_FAILURE_RATE_PERCENT: '0',
    ...TEST_SECRETS,
    ...options.env,
  });
  const logs: string[] = [];
  const logDestination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  const app = await createGatewayApp(config, {
    logDestination,
    extraImports: [StubResolverModule, ...(options.extraImports ?? [])],
  });
  return {
    app,
    config,
    db,
    logs,
    http: () => request(app.getHttpServer()),
    admin: { Authorization: `Bearer ${ADMIN_TOKEN}` },
    close: async () => {
      await app.close();
      if (!options.db) await db.drop();
    },
  };
}
