import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { formatTable, machine, type BenchModule, type BenchResult } from './harness.js';

/**
 * Runs the benchmarks named on the command line (`ranking`, `sync`, …) or every
 * `*.bench.js` beside this file, and prints one markdown table.
 *   node dist/bench/run.js [name…]
 */
const here = dirname(fileURLToPath(import.meta.url));
const available = readdirSync(here)
  .filter((file) => file.endsWith('.bench.js'))
  .map((file) => file.replace(/\.bench\.js$/, ''))
  .sort();
const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !available.includes(name));
if (unknown.length > 0) {
  process.stderr.write(
    `Unknown benchmark(s): ${unknown.join(', ')}; have ${available.join(', ')}\n`,
  );
  process.exit(2);
}

const results: BenchResult[] = [];
for (const name of wanted.length > 0 ? wanted : available) {
  process.stderr.write(`running ${name}…\n`);
  const module = (await import(pathToFileURL(join(here, `${name}.bench.js`)).href)) as BenchModule;
  results.push(...(await module.run()));
}
process.stdout.write(`Machine: ${machine()}\n\n${formatTable(results)}\n`);
