// The simulator starts standalone from the README's command (the built entry; `npm test` builds
// first), and the client talks to it like to any panel.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { unusedPort, KeyWatch, money, success } from './support.js';

const MAIN = resolve('dist/apps/provider-sim/src/main.js');
const CATALOG = 'apps/provider-sim/catalogs/default.json';
const STANDALONE_KEY = 'test-key-123';

/** Spawns the CLI and resolves with the API URL from its first output line. */
function startStandalone(port: number): Promise<{ child: ChildProcess; url: string }> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run npx nest build gateway`);
  const args = ['--port', String(port), '--catalog', CATALOG, '--key', STANDALONE_KEY];
  const child = spawn(process.execPath, [MAIN, ...args, '--seed', '7'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`no listening line: ${output}`)), 10_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /provider-sim listening: (\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        ok({ child, url: match[1]! });
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`provider-sim exited with ${code}: ${output}`));
    });
  });
}

function stop(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((ok) => {
    child.once('exit', (code) => ok(code));
    child.kill('SIGTERM');
  });
}

describe('the standalone simulator', () => {
  it('starts from the CLI, serves services and balance to the client, stops on SIGTERM', async () => {
    const port = await unusedPort();
    const { child, url } = await startStandalone(port);
    const watch = new KeyWatch();
    try {
      expect(url).toBe(`http://127.0.0.1:${port}/api/v2`);
      const client = watch.client({ url }, { apiKey: STANDALONE_KEY });
      const { services, invalid } = success(await client.services());
      expect(invalid).toEqual([]);
      expect(services).toHaveLength(23);
      expect(services.find((s) => s.id === '23')!.rate.toFixed()).toBe('0.00001');
      const balance = success(await client.balance());
      expect([money(balance.balance), balance.currency]).toEqual(['1000', 'USD']);
      const wrong = watch.client({ url }, { apiKey: 'not-the-key' });
      expect(await wrong.balance()).toMatchObject({ kind: 'rejected', reason: 'invalid_key' });
    } finally {
      expect(await stop(child)).toBe(0);
    }
    watch.assertClean();
  });
});
