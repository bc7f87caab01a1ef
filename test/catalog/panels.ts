import type { Response } from 'supertest';
import {
  startSimulator,
  type SimService,
  type SimulatorHandle,
} from '../../apps/provider-sim/src/index.js';
import type { TestGateway } from '../support/gateway.js';

/** A simulated panel's catalog entry with sensible defaults. */
export function service(
  id: number,
  name: string,
  rate: string,
  over: Partial<SimService> = {},
): SimService {
  return {
    service: id,
    name,
    type: 'Default',
    category: 'Instagram Followers',
    rate,
    min: '10',
    max: '100000',
    refill: false,
    cancel: false,
    dripfeed: false,
    ...over,
  };
}

export async function startPanel(
  catalog: SimService[],
  options: { currency?: string; balance?: string } = {},
): Promise<SimulatorHandle> {
  return startSimulator({ catalog, seed: 7, ...options });
}

/**
 * Every response body the test saw, so it can assert at the end that no upstream key ever
 * appeared in one (nor in a log line).
 */
export class Seen {
  private readonly bodies: string[] = [];

  record<T extends Response>(res: T): T {
    this.bodies.push(res.text ?? '', JSON.stringify(res.headers));
    return res;
  }

  text(): string {
    return this.bodies.join('\n');
  }
}

/** Registers a panel as a provider through the API; returns the created provider's body. */
export async function addProvider(
  gw: TestGateway,
  seen: Seen,
  panel: SimulatorHandle,
  name: string,
  extra: Record<string, unknown> = {},
): Promise<{ id: number } & Record<string, unknown>> {
  const res = seen.record(
    await gw
      .http()
      .post('/v1/admin/providers')
      .set(gw.admin)
      .send({ name, apiUrl: panel.url, apiKey: panel.apiKey, ...extra }),
  );
  if (res.status !== 201) throw new Error(`create ${name}: ${res.status} ${res.text}`);
  return res.body as { id: number } & Record<string, unknown>;
}

export async function syncProvider(gw: TestGateway, seen: Seen, id: number): Promise<Response> {
  return seen.record(await gw.http().post(`/v1/admin/providers/${id}/sync`).set(gw.admin));
}
