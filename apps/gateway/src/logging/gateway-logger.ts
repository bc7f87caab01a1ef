import type { LoggerService } from '@nestjs/common';
import pino, { type DestinationStream, type Logger as Pino } from 'pino';
import type { LogFormat, LogLevel } from '../config/app-config.js';
import { prettyStream } from './pretty-stream.js';
import { REDACT_PATHS, serializeError } from './redaction.js';
import { contextFields } from './request-context.js';

/**
 * Framework bookkeeping an operator does not need at info: route mappings, module wiring and
 * Nest's own "started" line (main.ts prints one `listening on …` line instead).
 */
const DEBUG_CONTEXTS = new Set([
  'RoutesResolver',
  'RouterExplorer',
  'InstanceLoader',
  'NestFactory',
]);
const DEBUG_MESSAGES = new Set(['Nest application successfully started']);
/** Framework contexts that report startup failures the gateway reports itself. */
const STARTUP_CONTEXTS = new Set([
  'ExceptionHandler',
  'NestApplication',
  'NestFactory',
  'TypeOrmModule',
  'InstanceLoader',
]);

/** The process's one pino logger: JSON lines (or pretty ones), redacted, request fields mixed in. */
export function createRootLogger(
  log: { readonly level: LogLevel; readonly format: LogFormat },
  destination?: DestinationStream,
): Pino {
  const stream =
    destination ?? (log.format === 'pretty' ? prettyStream(process.stdout) : pino.destination(1));
  return pino(
    {
      level: log.level,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      serializers: { err: serializeError },
      mixin: contextFields,
    },
    stream,
  );
}

type Level = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

/**
 * Nest's LoggerService over pino, so `new Logger(Context).warn({ fields }, 'message')` anywhere
 * in the app writes one structured line (with the request's id when inside one).
 */
export class GatewayLogger implements LoggerService {
  /**
   * Until the gateway listens, the framework's own error lines are dropped: a startup failure
   * is reported once, as one JSON line with its exit code (startup.ts), not as three.
   */
  private starting = true;

  constructor(readonly pino: Pino) {}

  /** The gateway listens: framework errors are logged from now on. */
  startupComplete(): void {
    this.starting = false;
  }

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  private write(level: Level, message: unknown, params: unknown[]): void {
    // Nest appends the logger's context as the last string argument.
    const rest = [...params];
    const context =
      rest.length > 0 && typeof rest[rest.length - 1] === 'string'
        ? (rest.pop() as string)
        : undefined;
    if (level === 'info' && context && DEBUG_CONTEXTS.has(context)) level = 'debug';
    if (level === 'info' && typeof message === 'string' && DEBUG_MESSAGES.has(message)) {
      level = 'debug';
    }
    if (this.starting && level === 'error' && context && STARTUP_CONTEXTS.has(context)) return;
    if (!this.pino.isLevelEnabled(level)) return;
    const fields: Record<string, unknown> = context ? { context } : {};
    let msg: string | undefined;
    if (message instanceof Error) {
      fields.err = message;
      msg = message.message;
    } else if (message !== null && typeof message === 'object') {
      Object.assign(fields, message);
    } else {
      msg = String(message);
    }
    for (const extra of rest) {
      if (typeof extra === 'string') {
        // Nest's own error(message, stack, context): a string after a string message is a stack.
        if (msg === undefined) msg = extra;
        else fields.stack = extra;
      } else if (extra instanceof Error) {
        fields.err = extra;
      }
    }
    this.pino[level](fields, msg);
  }
}
