import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import type { DestinationStream } from 'pino';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import { CatalogModule } from './catalog/catalog.module.js';
import { CompatModule } from './compat/compat.module.js';
import { ProblemFilter } from './common/errors/problem.filter.js';
import { createValidationPipe } from './common/errors/validation.js';
import { RouteIndex } from './common/http/route-index.js';
import { AppConfig } from './config/app-config.js';
import { ConfigModule } from './config/config.module.js';
import { DatabaseModule } from './database/database.module.js';
import { HealthModule } from './health/health.module.js';
import { createRootLogger, GatewayLogger } from './logging/gateway-logger.js';
import { LoggingModule } from './logging/logging.module.js';
import { MetricsModule } from './observability/metrics.module.js';
import { OrdersModule } from './orders/orders.module.js';
import { ProvidersModule } from './providers/providers.module.js';
import { RoutingModule } from './routing/routing.module.js';
import { PartnersModule } from './partners/partners.module.js';
import { ReportsModule } from './reports/reports.module.js';
import { WebhooksModule } from './webhooks/webhooks.module.js';

export interface AppOptions {
  /** Where log lines go (stdout when absent); tests capture them here. */
  readonly logDestination?: DestinationStream;
  /** Extra modules mounted beside the gateway's own (tests mount probe routes this way). */
  readonly extraImports?: DynamicModule['imports'];
  /** The process's logger (createGatewayApp makes it from config and logDestination). */
  readonly logger?: GatewayLogger;
}

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, options: AppOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule.forRoot(
          options.logger ?? new GatewayLogger(createRootLogger(config.log, options.logDestination)),
        ),
        MetricsModule,
        DatabaseModule,
        AuditModule,
        AuthModule,
        HealthModule,
        ProvidersModule,
        CatalogModule,
        RoutingModule,
        PartnersModule,
        OrdersModule,
        CompatModule,
        ReportsModule,
        WebhooksModule,
        ...(options.extraImports ?? []),
      ],
      providers: [
        RouteIndex,
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_FILTER, useClass: ProblemFilter },
      ],
    };
  }
}
