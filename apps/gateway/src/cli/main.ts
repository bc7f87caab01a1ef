import 'reflect-metadata';
import { loadConfigOrExit } from '../config/load-env.js';
import { runCli } from './cli.js';

// `npm run cli -- <command>`: operator commands on the same configuration and database as the server.
const code = await runCli(process.argv.slice(2), loadConfigOrExit(), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
});
process.exitCode = code;
