import { spawnSync } from 'node:child_process';
import { expect } from 'vitest';
import type { GatewayApi } from '../support/market.js';

/** One Prometheus scrape: every sample as `name{labels}` → value. */
export type Samples = Map<string, number>;

export async function scrape(gw: GatewayApi): Promise<{ text: string; samples: Samples }> {
  const res = await gw.http().get('/metrics').set(gw.admin);
  expect(res.status, res.text).toBe(200);
  expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
  const samples: Samples = new Map();
  for (const line of res.text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const at = line.lastIndexOf(' ');
    samples.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return { text: res.text, samples };
}

/** The sample's value, 0 when absent. Labels in the order prom-client writes them. */
export const sample = (samples: Samples, key: string): number => samples.get(key) ?? 0;

/** `promtool check metrics` (Debian package prometheus) on an exposition: its findings, if any. */
export function promtoolCheck(text: string): { status: number | null; output: string } {
  const run = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
  if (run.error) throw run.error;
  return { status: run.status, output: `${run.stdout}${run.stderr}`.trim() };
}
