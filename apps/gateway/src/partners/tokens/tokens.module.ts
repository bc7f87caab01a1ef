import { Global, Module } from '@nestjs/common';
import { IssuedTokens } from '../../auth/issued-tokens.js';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PartnerEntity } from '../partner.entity.js';
import { ApiTokenEntity } from './api-token.entity.js';
import { IssuedTokenAuthenticator } from './issued-token-authenticator.js';
import { TokenCache } from './token-cache.js';
import { TokenInvalidations } from './token-invalidations.js';
import { TokensController } from './tokens.controller.js';
import { TokensRepository } from './tokens.repository.js';
import { TokensService } from './tokens.service.js';

/**
 * Issued tokens: the admin routes, and the authenticator bound (globally) to the auth module's
 * IssuedTokens port. The cache is one instance per process, shared by both.
 */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([ApiTokenEntity, PartnerEntity])],
  controllers: [TokensController],
  providers: [
    { provide: TokenCache, useFactory: () => new TokenCache() },
    IssuedTokenAuthenticator,
    TokensService,
    TokensRepository,
    TokenInvalidations,
    { provide: IssuedTokens, useExisting: IssuedTokenAuthenticator },
  ],
  exports: [
    IssuedTokens,
    IssuedTokenAuthenticator,
    TokensService,
    TokensRepository,
    TokenCache,
    TokenInvalidations,
  ],
})
export class TokensModule {}
