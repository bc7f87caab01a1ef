import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/process.js';

// `npm run demo` as a user runs it: a real process (the built demo), its credentials file, the
// printed curl lines replayed with fetch, an order that moves on its own, and Ctrl-C stopping all.
// SQLite only by design (the demo owns its SQLite file), so this file runs in the sqlite project.
const DEMO_MAIN = resolve('dist/demo/main.js');

interface Credentials {
  gatewayUrl: string;
  adminToken: string;
  partnerTokens: Record<string, string>;
  panels: { name: string; currency: string; apiUrl: string; controlUrl: string }[];
}

async function until<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  ms = 45_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('npm run demo', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'smm-demo-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  async function startDemo() {
    const port = await freePort();
    const child = spawn(
      process.execPath,
      [DEMO_MAIN, '--port', String(port), '--data-dir', dataDir, '--speed-ms', '300'],
      { env: { PATH: process.env.PATH }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    // Nest's shutdown hook closes the app and re-raises the signal, so Ctrl-C ends by SIGINT (or 0).
    const exited = new Promise<string>((ok) =>
      child.once('exit', (code, signal) => ok(String(signal ?? code))),
    );
    await until('the welcome text', async () => (out.includes('Ctrl-C') ? true : undefined));
    const file = join(dataDir, 'credentials.json');
    const credentials = JSON.parse(readFileSync(file, 'utf8')) as Credentials;
    return { child, credentials, output: () => out, exited };
  }

  it('prints and writes working credentials, takes an order that progresses, and stops on SIGINT', async () => {
    const demo = await startDemo();
    const { gatewayUrl, adminToken, partnerTokens, panels } = demo.credentials;
    expect(panels.map((p) => p.currency).sort()).toEqual(['EUR', 'USD', 'USD']);
    expect(Object.keys(partnerTokens)).toHaveLength(2);
    expect(demo.output()).toContain(`${gatewayUrl}/docs`);
    expect(demo.output()).toContain(adminToken);
    const curls = demo
      .output()
      .split('\n')
      .filter((l) => l.startsWith('curl '));
    expect(curls).toHaveLength(3);

    const token = Object.values(partnerTokens)[0]!;
    const auth = { authorization: `Bearer ${token}` };
    // curl 1: the partner's price list
    const services = await fetch(`${gatewayUrl}/v1/services`, { headers: auth });
    expect(services.status).toBe(200);
    const list = (await services.json()) as { items?: { id: number }[] } | { id: number }[];
    const items = Array.isArray(list) ? list : list.items!;
    expect(items.length).toBeGreaterThanOrEqual(3);
    // curl 2: an order, exactly the printed body
    const body = /-d '(\{.*\})'$/.exec(curls[1]!)![1]!;
    const placed = await fetch(`${gatewayUrl}/v1/orders`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body,
    });
    expect(placed.status).toBe(201);
    const order = (await placed.json()) as { id: number; status: string };
    // curl 3: the partner's orders, where ours moves on by itself
    const moved = await until('the order to progress', async () => {
      const res = await fetch(`${gatewayUrl}/v1/orders/${order.id}`, { headers: auth });
      const view = (await res.json()) as { status: string };
      return view.status === 'in_progress' || view.status === 'completed' ? view : undefined;
    });
    expect(['in_progress', 'completed']).toContain(moved.status);
    const orders = await fetch(`${gatewayUrl}/v1/orders`, { headers: auth });
    expect(orders.status).toBe(200);
    // the admin token works too
    const admin = await fetch(`${gatewayUrl}/v1/admin/providers`, {
      headers: { authorization: `Bearer ${adminToken}` },
    });
    expect(admin.status).toBe(200);

    demo.child.kill('SIGINT');
    expect(['0', 'SIGINT']).toContain(await demo.exited);
    for (const url of [gatewayUrl, ...panels.map((p) => p.apiUrl)]) {
      await expect(fetch(url)).rejects.toThrow();
    }

    // re-runnable: a second run on the same directory starts fresh and works
    const again = await startDemo();
    const res = await fetch(`${again.credentials.gatewayUrl}/v1/services`, {
      headers: { authorization: `Bearer ${Object.values(again.credentials.partnerTokens)[0]}` },
    });
    expect(res.status).toBe(200);
    again.child.kill('SIGINT');
    expect(['0', 'SIGINT']).toContain(await again.exited);
    expect(existsSync(join(dataDir, 'gateway.sqlite'))).toBe(true);
  }, 120_000);
});
