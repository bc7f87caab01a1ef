import { parseArgs } from 'node:util';
import { startSimulator } from './index.js';

// CLI: npm run sim -- --port 4001 --catalog apps/provider-sim/catalogs/default.json [--key KEY]
//   [--currency USD] [--balance 1000] [--seed 42] [--speed-ms 2000] [--host 127.0.0.1]
//   [--reject-duplicate-links]
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4001' },
    host: { type: 'string', default: '127.0.0.1' },
    catalog: { type: 'string' },
    key: { type: 'string' },
    currency: { type: 'string', default: 'USD' },
    balance: { type: 'string', default: '1000' },
    seed: { type: 'string' },
    'speed-ms': { type: 'string', default: '0' },
    'reject-duplicate-links': { type: 'boolean', default: false },
  },
});

function integer(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text)) {
    console.error(`--${name} must be a non-negative integer, got ${text}`);
    process.exit(64); // EX_USAGE
  }
  return Number(text);
}

try {
  const sim = await startSimulator({
    port: integer('port', values.port),
    host: values.host,
    catalogFile: values.catalog,
    apiKey: values.key,
    currency: values.currency,
    balance: values.balance,
    seed: integer('seed', values.seed),
    speedMs: integer('speed-ms', values['speed-ms']),
    rejectDuplicateLinks: values['reject-duplicate-links'],
  });
  console.log(`provider-sim listening: ${sim.url}`);
  console.log(`api key: ${sim.apiKey}`);
  console.log(`control: ${sim.controlUrl}  (seed ${sim.seed})`);
  const stop = () => {
    void sim.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  console.error(`provider-sim failed to start: ${(error as Error).message}`);
  process.exit(1);
}
