import { randomBytes, randomInt } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { defaultCatalogPath, loadCatalogFile, normalizeCatalog } from './catalog.js';
import { SimulatorControl } from './control-client.js';
import { SimEngine } from './engine.js';
import { createSimServer } from './server.js';
import type { SimService } from './types.js';

export { CatalogError, loadCatalogFile, normalizeCatalog } from './catalog.js';
export { generateCatalog, type GenerateCatalogOptions } from './catalog-generator.js';
export { SimulatorControl } from './control-client.js';
export * from './types.js';

export interface SimulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1: the simulator is for loopback only. */
  host?: string;
  /** Default: a random key (see SimulatorHandle.apiKey). */
  apiKey?: string;
  /** Account currency, default USD. */
  currency?: string;
  /** Starting balance (decimal string), default "1000". */
  balance?: string;
  /** The catalog; else catalogFile; else the bundled catalogs/default.json. */
  catalog?: SimService[];
  catalogFile?: string;
  /** Makes ids, start counts and timings repeatable; default random (reported in state().seed). */
  seed?: number;
  /** > 0: orders progress by time, one step per speedMs. Default 0: only control moves them. */
  speedMs?: number;
  /** Answer a second active order on the same service + link with an error. Default false. */
  rejectDuplicateLinks?: boolean;
}

export interface SimulatorHandle {
  /** http://127.0.0.1:PORT/api/v2 */
  url: string;
  /** http://127.0.0.1:PORT/__control */
  controlUrl: string;
  apiKey: string;
  port: number;
  seed: number;
  control: SimulatorControl;
  /** Stops the server and destroys every connection, hung requests included. */
  close(): Promise<void>;
}

/** Starts one simulated panel; several can run in one process, each on its own port. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<SimulatorHandle> {
  const catalog = options.catalog
    ? normalizeCatalog(options.catalog)
    : loadCatalogFile(options.catalogFile ?? defaultCatalogPath());
  const seed = options.seed ?? randomInt(2 ** 31);
  const engine = new SimEngine({
    apiKey: options.apiKey ?? `sim-${randomBytes(12).toString('hex')}`,
    currency: options.currency ?? 'USD',
    balance: options.balance ?? '1000',
    catalog,
    seed,
    settings: {
      speedMs: options.speedMs ?? 0,
      rejectDuplicateLinks: options.rejectDuplicateLinks ?? false,
    },
  });
  const { server, close } = createSimServer(engine);
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const base = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    url: `${base}/api/v2`,
    controlUrl: `${base}/__control`,
    apiKey: engine.apiKey,
    port,
    seed,
    control: new SimulatorControl(`${base}/__control`),
    close,
  };
}
