import { Module, type DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { IncomingMessage } from 'node:http';
import type { DestinationStream } from 'pino';
import type { Options } from 'pino-http';
import type { AppConfig } from '../config/app-config.js';
import { REDACT_PATHS, redactUrl } from './redaction.js';

/** Structured JSON logs with the request id on every line of a request. */
@Module({})
export class LoggingModule {
  static forRoot(config: AppConfig, destination?: DestinationStream): DynamicModule {
    const options: Options = {
      level: config.log.level,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      // The id was set by requestIdFor (Fastify's genReqId), so logs and X-Request-Id agree.
      genReqId: (req: IncomingMessage & { id?: unknown }) => String(req.id),
      customAttributeKeys: { reqId: 'requestId' },
      // Only the serialized fields below are logged: never a body (API v2 sends its key in it).
      serializers: {
        req: (req: {
          id: unknown;
          method: string;
          url: string;
          headers: Record<string, unknown>;
        }) => ({
          id: req.id,
          method: req.method,
          url: redactUrl(req.url),
          headers: req.headers,
        }),
      },
      autoLogging: { ignore: (req: IncomingMessage) => (req.url ?? '').startsWith('/health/') },
    };
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: destination ? [options, destination] : options,
        }),
      ],
    };
  }
}
