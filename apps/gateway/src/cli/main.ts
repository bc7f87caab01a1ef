import 'reflect-metadata';
import type { AppConfig } from '../config/app-config.js';
import { loadConfigFromProcess } from '../config/load-env.js';
import { classifyStartupError, failureLine } from '../startup.js';
import { runCli } from './cli.js';

// `npm run cli -- <command>`: operator commands on the same configuration and database as the server.
// A bad configuration is one JSON line on standard error (standard output carries only results).
let config: AppConfig | undefined;
try {
  config = loadConfigFromProcess();
} catch (error) {
  const failure = classifyStartupError(error, 'config');
  process.stderr.write(`${failureLine(failure)}\n`);
  process.exit(failure.exitCode);
}
const code = await runCli(process.argv.slice(2), config, {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
});
process.exitCode = code;
