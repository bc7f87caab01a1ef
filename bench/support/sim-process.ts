import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SimulatorControl, type SimService } from '../../apps/provider-sim/src/index.js';

const SIM_MAIN = fileURLToPath(new URL('../../apps/provider-sim/src/main.js', import.meta.url));

export interface SimProcess {
  readonly url: string;
  readonly apiKey: string;
  readonly control: SimulatorControl;
  /** The process id, to read its memory or stop it. */
  readonly pid: number;
  close(): Promise<void>;
}

/**
 * A simulated panel in its own OS process (the built provider-sim CLI on a free loopback port),
 * so its CPU and memory are not the measured process's.
 */
export async function spawnSimulator(options: {
  catalog: SimService[];
  apiKey: string;
  balance: string;
  seed?: number;
}): Promise<SimProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'gw-bench-sim-'));
  const catalogFile = join(dir, 'catalog.json');
  writeFileSync(catalogFile, JSON.stringify(options.catalog));
  const child = spawn(
    process.execPath,
    [SIM_MAIN, '--port', '0', '--catalog', catalogFile, '--key', options.apiKey].concat([
      '--balance',
      options.balance,
      '--seed',
      String(options.seed ?? 1),
    ]),
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening: (\S+)/.exec(out);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`provider-sim exited with ${code}: ${out}`)));
  });
  return {
    url,
    apiKey: options.apiKey,
    control: new SimulatorControl(url.replace(/\/api\/v2$/, '/__control')),
    pid: child.pid!,
    close: async () => {
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
