import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ConfigError } from './config/env-schema.js';
import type { AppConfig } from './config/app-config.js';

/** sysexits(3) codes an operator (or systemd, Kubernetes) can act on. */
export const EXIT = {
  /** Bad or unusable configuration: fix the environment. */
  config: 78,
  /** A service the gateway needs is unavailable: the port is taken, the database unreachable. */
  unavailable: 69,
  /** Anything else: a bug. */
  software: 70,
} as const;

export interface StartupFailure {
  readonly exitCode: number;
  readonly msg: string;
  readonly fields: Record<string, unknown>;
}

const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNRESET',
]);
const UNUSABLE_PATH = new Set([
  'EEXIST',
  'ENOTDIR',
  'EACCES',
  'EPERM',
  'EROFS',
  'EISDIR',
  'ENOENT',
]);
/** PostgreSQL refusing who we are or what we ask for: invalid password, no such database/role. */
const PG_CONFIG_CODES = new Set(['28P01', '28000', '3D000']);

/**
 * What a startup error means for the operator: its exit code and one message naming what to fix.
 * `phase` says where it happened (`config`, `database`/boot, `listen`).
 */
export function classifyStartupError(
  error: unknown,
  phase: 'config' | 'boot' | 'listen',
  config?: AppConfig,
): StartupFailure {
  if (error instanceof ConfigError) {
    return {
      exitCode: EXIT.config,
      msg: 'invalid configuration',
      fields: { problems: error.problems },
    };
  }
  const e = error as NodeJS.ErrnoException & { code?: string };
  const code = typeof e?.code === 'string' ? e.code : undefined;
  if (phase === 'listen') {
    const where = config ? `${config.http.host}:${config.http.port}` : undefined;
    if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') {
      return {
        exitCode: EXIT.unavailable,
        msg: `cannot listen on ${where ?? 'the configured address'} (${code}): set PORT/HOST`,
        fields: { code, host: config?.http.host, port: config?.http.port },
      };
    }
  }
  if (phase === 'boot' && config) {
    if (
      config.database.kind === 'sqlite' &&
      (code === undefined ||
        UNUSABLE_PATH.has(code) ||
        /^SQLITE_(CANTOPEN|READONLY|NOTADB|PERM)/.test(code))
    ) {
      return {
        exitCode: EXIT.config,
        msg: `DATABASE_URL points at an unusable SQLite file (${code ?? e?.message ?? 'error'})`,
        fields: { code, variable: 'DATABASE_URL', path: config.database.path },
      };
    }
    if (config.database.kind === 'postgres') {
      if (code && PG_CONFIG_CODES.has(code)) {
        return {
          exitCode: EXIT.config,
          msg: `DATABASE_URL is refused by PostgreSQL (${code}: ${e.message})`,
          fields: { code, variable: 'DATABASE_URL' },
        };
      }
      if ((code && UNREACHABLE.has(code)) || /connect|timeout|terminat/i.test(e?.message ?? '')) {
        return {
          exitCode: EXIT.unavailable,
          msg: `database unreachable at DATABASE_URL (${code ?? e.message})`,
          fields: { code, variable: 'DATABASE_URL' },
        };
      }
    }
  }
  return {
    exitCode: EXIT.software,
    msg: `startup failed: ${e?.message ?? String(error)}`,
    fields: { code, stack: e?.stack },
  };
}

/**
 * Writes the failure as one JSON log line on stdout (where the logs go) and ends the process
 * with its code. Written by hand: the configured logger may not exist yet.
 */
export function exitWith(failure: StartupFailure): never {
  process.stdout.write(`${failureLine(failure)}\n`);
  process.exit(failure.exitCode);
}

/** The failure as one JSON log line (pino's shape, level 60 = fatal). */
export function failureLine(failure: StartupFailure): string {
  const line = {
    level: 60,
    time: Date.now(),
    pid: process.pid,
    msg: failure.msg,
    exitCode: failure.exitCode,
    ...failure.fields,
  };
  return JSON.stringify(line);
}

/** The startup line: where the gateway listens, and its docs and metrics. */
export function listeningLine(app: NestFastifyApplication, config: AppConfig): string {
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.http.port;
  const host = config.http.host.includes(':') ? `[${config.http.host}]` : config.http.host;
  return `listening on http://${host}:${port} (docs: /docs, metrics: /metrics)`;
}
