// npm run fuzz -- [--seed N] [--runs N] [--engine sqlite|postgres]
// A longer run of the fuzz suite (test/fuzz) than CI's: the same properties, another seed, more runs.
// PostgreSQL needs TEST_DATABASE_URL, as for npm test.
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: String(Date.now() % 1_000_000_000) },
    runs: { type: 'string', default: '200' },
    engine: { type: 'string', default: 'sqlite' },
  },
});
const project = values.engine === 'postgres' ? 'e2e-postgres' : 'e2e-sqlite';
const run = spawnSync('npx', ['vitest', 'run', '--project', project, 'test/fuzz'], {
  stdio: 'inherit',
  env: { ...process.env, FUZZ_SEED: values.seed, FUZZ_RUNS: values.runs },
});
process.exit(run.status ?? 1);
