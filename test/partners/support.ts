import { expect } from 'vitest';
import type { TestGateway } from '../support/gateway.js';

export interface IssuedToken {
  id: number;
  token: string;
  [field: string]: unknown;
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** Creates a partner through the admin API and returns its body. */
export async function createPartner(
  gw: TestGateway,
  body: Record<string, unknown> = {},
): Promise<{ id: number; [field: string]: unknown }> {
  const res = await gw
    .http()
    .post('/v1/admin/partners')
    .set(gw.admin)
    .send({ name: `partner-${Math.random().toString(36).slice(2, 10)}`, ...body });
  expect(res.status, res.text).toBe(201);
  return res.body;
}

/** Issues a token for the partner through the admin API. */
export async function issueToken(
  gw: TestGateway,
  partnerId: number,
  scopes: string[],
  extra: Record<string, unknown> = {},
): Promise<IssuedToken> {
  const res = await gw
    .http()
    .post(`/v1/admin/partners/${partnerId}/tokens`)
    .set(gw.admin)
    .send({ scopes, ...extra });
  expect(res.status, res.text).toBe(201);
  return res.body;
}

/** Credits the partner's wallet through the admin API. */
export async function credit(gw: TestGateway, partnerId: number, amount: string): Promise<void> {
  const res = await gw
    .http()
    .post(`/v1/admin/partners/${partnerId}/ledger`)
    .set(gw.admin)
    .send({ amount, reason: 'test top-up' });
  expect(res.status, res.text).toBe(201);
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
