import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TokensModule } from '../partners/tokens/tokens.module.js';
import { IssuedTokenAuthenticator } from '../partners/tokens/issued-token-authenticator.js';
import { AuthService } from './auth.service.js';
import { BearerAuthGuard } from './bearer-auth.guard.js';
import { IssuedTokens } from './issued-tokens.js';
import { MeController } from './me.controller.js';
import { RequestLimits } from './request-limits.js';
import { DataSource } from 'typeorm';
import { isPostgres } from '../database/column-types.js';
import { LimitCounters, MemoryLimitCounters, PostgresLimitCounters } from './limit-counters.js';

/** The global bearer guard; issued tokens are resolved by the partners' token authenticator. */
@Module({
  imports: [TokensModule],
  controllers: [MeController],
  providers: [
    AuthService,
    RequestLimits,
    {
      provide: LimitCounters,
      inject: [DataSource],
      useFactory: (dataSource: DataSource) =>
        isPostgres(dataSource) ? new PostgresLimitCounters(dataSource) : new MemoryLimitCounters(),
    },
    { provide: IssuedTokens, useExisting: IssuedTokenAuthenticator },
    { provide: APP_GUARD, useClass: BearerAuthGuard },
  ],
  exports: [AuthService, RequestLimits],
})
export class AuthModule {}
