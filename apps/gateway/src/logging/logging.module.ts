import { Global, Module, type DynamicModule } from '@nestjs/common';
import { GatewayLogger } from './gateway-logger.js';

/** Makes the process's logger injectable (the access log and startup line use it directly). */
@Global()
@Module({})
export class LoggingModule {
  static forRoot(logger: GatewayLogger): DynamicModule {
    return {
      module: LoggingModule,
      providers: [{ provide: GatewayLogger, useValue: logger }],
      exports: [GatewayLogger],
    };
  }
}
