import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { Logger as Pino } from 'pino';
import { GatewayLogger } from './gateway-logger.js';

/** Makes the process's logger injectable (the access log and startup line use it directly). */
@Global()
@Module({})
export class LoggingModule {
  static forRoot(pino: Pino): DynamicModule {
    return {
      module: LoggingModule,
      providers: [{ provide: GatewayLogger, useValue: new GatewayLogger(pino) }],
      exports: [GatewayLogger],
    };
  }
}
