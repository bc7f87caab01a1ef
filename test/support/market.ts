import { expect } from 'vitest';
import {
  startSimulator,
  type SimService,
  type SimulatorHandle,
} from '../../apps/provider-sim/src/index.js';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import { ADMIN_TOKEN } from './gateway.js';

/** What the helpers need of a gateway: an HTTP client and the admin header (in-process or spawned). */
export interface GatewayApi {
  http(): TestAgent;
  readonly admin: { Authorization: string };
}

/** The API of a gateway running as a separate process (see process.ts). */
export const processApi = (url: string): GatewayApi => ({
  http: () => request(url),
  admin: { Authorization: `Bearer ${ADMIN_TOKEN}` },
});

/**
 * Builds a small market through the admin API, as an operator would: simulated panels registered
 * as providers and synced, one of our services mapped onto their offers, a partner with a token
 * and credit.
 */

export interface Panel {
  readonly sim: SimulatorHandle;
  readonly providerId: number;
}

export interface PanelSpec {
  name: string;
  catalog: SimService[];
  currency?: string;
  balance?: string;
  priority?: number;
  /** Upstream call timeout (≥ 1000 ms); short for tests of hanging upstreams. */
  timeoutMs?: number;
}

export const followers = (
  id: number,
  rate: string,
  extra: Partial<SimService> = {},
): SimService => ({
  service: id,
  name: 'Instagram Followers',
  type: 'Default',
  category: 'Instagram Followers',
  rate,
  min: '10',
  max: '100000',
  refill: true,
  cancel: true,
  dripfeed: true,
  ...extra,
});

export async function addPanel(gw: GatewayApi, spec: PanelSpec): Promise<Panel> {
  const sim = await startSimulator({
    apiKey: `key-${spec.name}-0123456789`,
    currency: spec.currency ?? 'USD',
    balance: spec.balance ?? '100000',
    catalog: spec.catalog,
    seed: 7,
  });
  const created = await gw
    .http()
    .post('/v1/admin/providers')
    .set(gw.admin)
    .send({
      name: spec.name,
      apiUrl: sim.url,
      apiKey: sim.apiKey,
      priority: spec.priority ?? 0,
      timeoutMs: spec.timeoutMs,
    });
  expect(created.status, created.text).toBe(201);
  const providerId = created.body.id as number;
  await syncPanel(gw, providerId);
  return { sim, providerId };
}

export async function syncPanel(gw: GatewayApi, providerId: number): Promise<void> {
  const res = await gw.http().post(`/v1/admin/providers/${providerId}/sync`).set(gw.admin);
  expect(res.status, res.text).toBeLessThan(300);
}

export async function setCurrencyRate(gw: GatewayApi, code: string, rate: string): Promise<void> {
  const res = await gw.http().put(`/v1/admin/currencies/${code}`).set(gw.admin).send({ rate });
  expect(res.status, res.text).toBeLessThan(300);
}

export async function createService(
  gw: GatewayApi,
  spec: {
    name: string;
    type?: string;
    category?: string;
    refill?: boolean;
    cancel?: boolean;
    dripfeed?: boolean;
  },
  offers: { providerId: number; upstreamServiceId: string | number }[],
): Promise<number> {
  const created = await gw
    .http()
    .post('/v1/admin/services')
    .set(gw.admin)
    .send({ type: 'Default', category: 'Instagram Followers', ...spec });
  expect(created.status, created.text).toBe(201);
  const id = created.body.id as number;
  const mapped = await gw
    .http()
    .put(`/v1/admin/services/${id}/offers`)
    .set(gw.admin)
    .send({
      offers: offers.map((o) => ({
        providerId: o.providerId,
        upstreamServiceId: String(o.upstreamServiceId),
      })),
    });
  expect(mapped.status, mapped.text).toBeLessThan(300);
  return id;
}

export interface TestPartner {
  readonly id: number;
  readonly token: string;
  readonly auth: { Authorization: string };
}

export async function createPartner(
  gw: GatewayApi,
  spec: {
    name: string;
    currency?: string;
    markupPercent?: string;
    credit?: string;
    scopes?: string[];
  },
): Promise<TestPartner> {
  const created = await gw
    .http()
    .post('/v1/admin/partners')
    .set(gw.admin)
    .send({ name: spec.name, currency: spec.currency, markupPercent: spec.markupPercent });
  expect(created.status, created.text).toBe(201);
  const id = created.body.id as number;
  const issued = await gw
    .http()
    .post(`/v1/admin/partners/${id}/tokens`)
    .set(gw.admin)
    .send({
      scopes: spec.scopes ?? ['services:read', 'orders:read', 'orders:write', 'balance:read'],
      name: 'e2e',
    });
  expect(issued.status, issued.text).toBe(201);
  if (spec.credit) {
    const credit = await gw
      .http()
      .post(`/v1/admin/partners/${id}/ledger`)
      .set(gw.admin)
      .send({ amount: spec.credit, reason: 'e2e credit' });
    expect(credit.status, credit.text).toBe(201);
  }
  const token = issued.body.token as string;
  return { id, token, auth: { Authorization: `Bearer ${token}` } };
}

export async function balanceOf(gw: GatewayApi, partner: TestPartner): Promise<string> {
  const res = await gw.http().get('/v1/balance').set(partner.auth);
  expect(res.status, res.text).toBe(200);
  return res.body.balance as string;
}

/** Every order the panels received, across all of them. */
export async function upstreamOrders(panels: Panel[]): Promise<number> {
  const states = await Promise.all(panels.map((p) => p.sim.control.state()));
  return states.reduce((n, s) => n + s.orders.length, 0);
}

export async function adminOrder(gw: GatewayApi, id: number): Promise<Record<string, unknown>> {
  const res = await gw.http().get(`/v1/admin/orders/${id}`).set(gw.admin);
  expect(res.status, res.text).toBe(200);
  return res.body as Record<string, unknown>;
}
