import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../apps/gateway/src/config/app-config.js';
import { createGatewayApp } from '../apps/gateway/src/create-app.js';
import { startSimulator, type SimulatorHandle } from '../apps/provider-sim/src/index.js';
import { DemoHttp } from './http.js';
import { DEMO_PANELS, DEMO_PARTNERS, DEMO_SERVICES, EUR_RATE, PARTNER_SCOPES } from './seed.js';

// npm run demo [-- --port 3000 --data-dir ./data/demo --speed-ms 3000]
// The gateway (same app and API as `npm start`) plus three simulated panels in one process, seeded
// through the admin API. Every run starts from a fresh data directory: the panels keep their state
// in memory, so an old database would point at orders no panel knows any more.
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '3000' },
    'data-dir': { type: 'string', default: './data/demo' },
    'speed-ms': { type: 'string', default: '3000' },
  },
});
const port = Number(values.port);
const speedMs = Number(values['speed-ms']);
const dataDir = resolve(values['data-dir']);
if (!Number.isInteger(port) || !Number.isInteger(speedMs) || speedMs < 100) {
  console.error('usage: npm run demo -- [--port N] [--data-dir DIR] [--speed-ms N≥100]');
  process.exit(64);
}

rmSync(dataDir, { recursive: true, force: true });
mkdirSync(dataDir, { recursive: true });

const adminToken = `demo-admin-${randomBytes(16).toString('hex')}`;
const sims: SimulatorHandle[] = [];
for (const panel of DEMO_PANELS) {
  sims.push(
    await startSimulator({
      apiKey: `demo-${panel.name}-${randomBytes(8).toString('hex')}`,
      currency: panel.currency,
      balance: '100000',
      catalog: panel.catalog,
      speedMs,
    }),
  );
}

const config = loadConfig({
  PORT: String(port),
  HOST: '127.0.0.1',
  DATABASE_URL: `sqlite:${join(dataDir, 'gateway.sqlite')}`,
  DATA_DIR: dataDir,
  ADMIN_TOKEN: adminToken,
  LOG_LEVEL: 'warn',
  // Short polling so a user sees orders move within seconds instead of minutes.
  ORDER_FIRST_POLL_SECONDS: '2',
  ORDER_SYNC_INTERVAL_SECONDS: '1',
  ORDER_STATUS_FRESHNESS_SECONDS: '2',
  ORDER_INTERRUPTED_AFTER_SECONDS: '10',
});
const app = await createGatewayApp(config);
await app.listen({ port, host: '127.0.0.1' });
const gatewayUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');

let stopping = false;
async function stop(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    await app.close().catch(() => undefined);
    await Promise.all(sims.map((s) => s.close().catch(() => undefined)));
  }
  process.exit(code);
}
process.once('SIGINT', () => void stop(0));
process.once('SIGTERM', () => void stop(0));

try {
  const admin = new DemoHttp(gatewayUrl, adminToken);
  const providerIds = new Map<string, number>();
  for (const [i, panel] of DEMO_PANELS.entries()) {
    const sim = sims[i]!;
    const created = await admin.call<{ id: number }>('POST', '/v1/admin/providers', {
      name: panel.name,
      apiUrl: sim.url,
      apiKey: sim.apiKey,
    });
    providerIds.set(panel.name, created.id);
    await admin.call('POST', `/v1/admin/providers/${created.id}/sync`);
  }
  await admin.call('PUT', '/v1/admin/currencies/EUR', { rate: EUR_RATE });

  const serviceIds: number[] = [];
  for (const { service, offers } of DEMO_SERVICES) {
    const created = await admin.call<{ id: number }>('POST', '/v1/admin/services', service);
    serviceIds.push(created.id);
    await admin.call('PUT', `/v1/admin/services/${created.id}/offers`, {
      offers: Object.entries(offers).map(([panel, upstreamServiceId]) => ({
        providerId: providerIds.get(panel)!,
        upstreamServiceId,
      })),
    });
  }

  const partnerTokens: Record<string, string> = {};
  for (const partner of DEMO_PARTNERS) {
    const created = await admin.call<{ id: number }>('POST', '/v1/admin/partners', {
      name: partner.name,
      currency: partner.currency,
      markupPercent: partner.markupPercent,
    });
    await admin.call('POST', `/v1/admin/partners/${created.id}/ledger`, {
      amount: partner.credit,
      reason: 'demo credit',
    });
    const issued = await admin.call<{ token: string }>(
      'POST',
      `/v1/admin/partners/${created.id}/tokens`,
      { scopes: PARTNER_SCOPES, name: 'demo' },
    );
    partnerTokens[partner.name] = issued.token;
  }

  // The unreliable panel turns flaky only now, so seeding itself is deterministic.
  for (const [i, panel] of DEMO_PANELS.entries()) {
    if (panel.flakyEveryNth)
      await sims[i]!.control.setFaults({ html502EveryNth: panel.flakyEveryNth });
  }

  // A few orders already on their way, so /v1/orders shows statuses moving from the first minute.
  const firstPartner = new DemoHttp(gatewayUrl, Object.values(partnerTokens)[0]!);
  for (const quantity of [100, 250, 500]) {
    await firstPartner.call(
      'POST',
      '/v1/orders',
      { serviceId: serviceIds[0], link: `https://instagram.com/p/demo${quantity}`, quantity },
      { 'idempotency-key': randomUUID() },
    );
  }

  const panels = DEMO_PANELS.map((panel, i) => ({
    name: panel.name,
    currency: panel.currency,
    flaky: Boolean(panel.flakyEveryNth),
    providerId: providerIds.get(panel.name)!,
    apiUrl: sims[i]!.url,
    controlUrl: sims[i]!.controlUrl,
  }));
  const credentials = { gatewayUrl, adminToken, partnerTokens, panels };
  writeFileSync(join(dataDir, 'credentials.json'), `${JSON.stringify(credentials, null, 2)}\n`, {
    mode: 0o600,
  });
  printWelcome(credentials, serviceIds[0]!);
} catch (error) {
  console.error(`demo failed to start: ${(error as Error).message}`);
  await stop(1);
}

function printWelcome(
  c: { gatewayUrl: string; adminToken: string; partnerTokens: Record<string, string> },
  serviceId: number,
): void {
  const token = Object.values(c.partnerTokens)[0]!;
  const lines = [
    '',
    `smm-gateway demo is running at ${c.gatewayUrl}  (Ctrl-C stops everything)`,
    `  Swagger UI:   ${c.gatewayUrl}/docs   (OpenAPI JSON at ${c.gatewayUrl}/docs-json)`,
    `  admin token:  ${c.adminToken}`,
    ...Object.entries(c.partnerTokens).map(([name, t]) => `  partner ${name}: ${t}`),
    `  written to:   ${join(dataDir, 'credentials.json')}`,
    '',
    'Try it (as partner acme-reseller):',
    `curl -s -H "Authorization: Bearer ${token}" ${c.gatewayUrl}/v1/services`,
    `curl -s -H "Authorization: Bearer ${token}" -H "Content-Type: application/json" -H "Idempotency-Key: $(node -p 'crypto.randomUUID()')" ${c.gatewayUrl}/v1/orders -d '{"serviceId":${serviceId},"link":"https://instagram.com/p/demo","quantity":1000}'`,
    `curl -s -H "Authorization: Bearer ${token}" ${c.gatewayUrl}/v1/orders`,
    '',
  ];
  console.log(lines.join('\n'));
}
