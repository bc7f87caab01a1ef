import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthService } from './auth.service.js';
import { BearerAuthGuard } from './bearer-auth.guard.js';
import { MeController } from './me.controller.js';
import { RequestLimits } from './request-limits.js';
import { DataSource } from 'typeorm';
import { SqlDialect } from '../database/sql-dialect.js';
import { LimitCounters, MemoryLimitCounters } from './limit-counters.js';
import { PostgresLimitCounters } from './limit-counters.repository.js';

/**
 * The global bearer guard. Issued tokens are resolved through the IssuedTokens port, which the
 * partners' TokensModule binds globally: auth never imports the partners module.
 */
@Module({
  controllers: [MeController],
  providers: [
    AuthService,
    RequestLimits,
    {
      provide: LimitCounters,
      inject: [SqlDialect, DataSource],
      useFactory: (sql: SqlDialect, dataSource: DataSource) =>
        sql.postgres ? new PostgresLimitCounters(dataSource) : new MemoryLimitCounters(),
    },
    { provide: APP_GUARD, useClass: BearerAuthGuard },
  ],
  exports: [AuthService, RequestLimits],
})
export class AuthModule {}
