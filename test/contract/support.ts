// Shared helpers for the contract tests: the real SmmApiClient against the real provider-sim over
// loopback HTTP. One simulator per describe, reset between tests; every outcome is recorded and
// checked for the API key.
import { createServer } from 'node:net';
import type { Decimal } from 'decimal.js';
import { SmmApiClient, type SmmApiClientOptions, type SmmOutcome } from '#smm-protocol';
import {
  startSimulator,
  type SimOrderView,
  type SimulatorHandle,
  type SimulatorOptions,
} from '../../apps/provider-sim/src/index.js';

/** Characters that each encoding (form, URL, JSON) writes differently, so every form is checked. */
export const KEY = 'ck_contract+Key/7Q=x';
export const TRANSPORTS = ['form', 'query', 'json'] as const;
export const START_BALANCE = '1000';

/** A seeded simulator (repeatable ids and start counts) with the bundled 23-service catalog. */
export function startSim(options: SimulatorOptions = {}): Promise<SimulatorHandle> {
  return startSimulator({ apiKey: KEY, seed: 7, balance: START_BALANCE, ...options });
}

/**
 * Records every outcome a test gets and asserts, after each test, that none of them carries the
 * API key in any of its encodings (messages, diagnostics, per-id results and all).
 */
export class KeyWatch {
  private readonly seen: unknown[] = [];
  /** Every key a client of this watch was given; none may show up anywhere. */
  private readonly keys = new Set<string>([KEY]);

  track<T>(value: T): T {
    this.seen.push(value);
    return value;
  }

  /** A client whose every answer is recorded. */
  client(sim: { url: string }, options: Partial<SmmApiClientOptions> = {}): SmmApiClient {
    const client = new SmmApiClient({ url: sim.url, apiKey: KEY, ...options });
    this.keys.add(options.apiKey ?? KEY);
    return new Proxy(client, {
      get: (target, property, receiver) => {
        const value: unknown = Reflect.get(target, property, receiver);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) =>
          (value as (...a: unknown[]) => Promise<unknown>)
            .apply(target, args)
            .then((result) => this.track(result));
      },
    });
  }

  /** Asserts (and forgets) what was recorded; a test that recorded nothing is a broken test. */
  assertClean(): void {
    const recorded = this.seen.splice(0);
    expect(recorded.length).toBeGreaterThan(0);
    const text = serialize(recorded);
    for (const key of this.keys) {
      for (const form of keyForms(key)) expect(text).not.toContain(form);
    }
  }
}

export function keyForms(key: string): string[] {
  return [
    key,
    encodeURIComponent(key),
    new URLSearchParams({ k: key }).toString().slice(2),
    JSON.stringify(key).slice(1, -1),
  ];
}

/** JSON with Maps (BatchResult.results, per-id results) written out instead of dropped as `{}`. */
export function serialize(value: unknown): string {
  return JSON.stringify(value, (_name, v: unknown) =>
    v instanceof Map ? { map: [...(v as Map<unknown, unknown>).entries()] } : v,
  );
}

/** Narrows an outcome to success, failing with the whole outcome in the message otherwise. */
export function success<T>(outcome: SmmOutcome<T>): T {
  if (outcome.kind !== 'success') throw new Error(`expected success, got ${serialize(outcome)}`);
  return outcome.value;
}

export const money = (value: Decimal | null | undefined): string | undefined => value?.toFixed();

/** The one order the simulator holds (fails when there is not exactly one). */
export async function onlyOrder(sim: SimulatorHandle): Promise<SimOrderView> {
  const { orders } = await sim.control.state();
  expect(orders).toHaveLength(1);
  return orders[0]!;
}

/** A loopback port nothing listens on (bound, then released). */
export function unusedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export const DEFAULT_ORDER = {
  service: 1,
  link: 'https://instagram.com/p/contract',
  quantity: 1000,
} as const;
