import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthService } from './auth.service.js';
import { BearerAuthGuard } from './bearer-auth.guard.js';
import { IssuedTokens, NoIssuedTokens } from './issued-tokens.js';
import { MeController } from './me.controller.js';

@Module({
  controllers: [MeController],
  providers: [
    AuthService,
    { provide: IssuedTokens, useClass: NoIssuedTokens },
    { provide: APP_GUARD, useClass: BearerAuthGuard },
  ],
  exports: [AuthService],
})
export class AuthModule {}
