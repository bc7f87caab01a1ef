import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { parseArgs } from 'node:util';
import { SCOPES, type Scope } from '../auth/scopes.js';
import type { AppConfig } from '../config/app-config.js';
import { TokensService } from '../partners/tokens/tokens.service.js';
import { classifyStartupError, failureLine } from '../startup.js';
import { CliModule } from './cli.module.js';

export interface CliOutput {
  /** The result a script may capture (the token, alone on its line). */
  out(line: string): void;
  /** Messages for the operator. */
  err(line: string): void;
}

const USAGE = `Usage:
  npm run cli -- create-admin-token --name <name> [--scopes admin,services:read] [--expires-at <ISO 8601>]

Prints a new issued token (admin scope by default) that belongs to no partner. The token is shown
once, on standard output; store it in a secret manager.`;

/** Runs one CLI command; returns the process exit code. */
export async function runCli(argv: string[], config: AppConfig, io: CliOutput): Promise<number> {
  const [command, ...rest] = argv;
  if (command !== 'create-admin-token') {
    io.err(command ? `Unknown command: ${command}\n\n${USAGE}` : USAGE);
    return 64; // EX_USAGE
  }
  let options: { name?: string; scopes?: string; 'expires-at'?: string };
  try {
    options = parseArgs({
      args: rest,
      options: {
        name: { type: 'string' },
        scopes: { type: 'string' },
        'expires-at': { type: 'string' },
      },
      strict: true,
    }).values;
  } catch (error) {
    io.err(`${(error as Error).message}\n\n${USAGE}`);
    return 64;
  }
  const name = options.name?.trim();
  const scopes = (options.scopes ?? 'admin').split(',').map((s) => s.trim());
  const unknown = scopes.filter((s) => !(SCOPES as readonly string[]).includes(s));
  if (!name || name.length > 100 || unknown.length > 0) {
    io.err(
      `${!name || name.length > 100 ? '--name (1-100 characters) is required.' : `Unknown scope: ${unknown.join(', ')} (known: ${SCOPES.join(', ')}).`}\n\n${USAGE}`,
    );
    return 64;
  }

  let app: INestApplicationContext;
  try {
    app = await NestFactory.createApplicationContext(CliModule.forRoot(config), {
      logger: false,
      abortOnError: false,
    });
  } catch (error) {
    // The same line and exit code as the server's (78 unusable DATABASE_URL, 69 unreachable).
    const failure = classifyStartupError(error, 'boot', config);
    io.err(failureLine(failure));
    return failure.exitCode;
  }
  try {
    const issued = await app
      .get(TokensService)
      .issueOperatorToken(
        { name, scopes: [...new Set(scopes)] as Scope[], expiresAt: options['expires-at'] },
        { actor: 'cli' },
      );
    io.err(
      `Created token ${issued.row.id} "${name}" with scopes ${issued.row.scopes.join(', ')}. It is shown once:`,
    );
    io.out(issued.token);
    return 0;
  } catch (error) {
    io.err(`Could not create the token: ${(error as Error).message}`);
    return 1;
  } finally {
    await app.close();
  }
}
