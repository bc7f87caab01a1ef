import {
  applyDecorators,
  createParamDecorator,
  SetMetadata,
  type ExecutionContext,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ProblemDto } from '../common/http/problem.dto.js';
import type { Principal, Scope } from './scopes.js';

export const PUBLIC_KEY = 'auth:public';
export const SCOPES_KEY = 'auth:scopes';
export const PARTNER_KEY = 'auth:partner';
export const BEARER_SCHEME = 'bearer';

/** The route needs no token (health, docs). Everything else requires one. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_KEY, true);

/** Requires a bearer token holding every listed scope, and documents it. */
export const RequireScopes = (...scopes: Scope[]): MethodDecorator & ClassDecorator =>
  applyDecorators(
    SetMetadata(SCOPES_KEY, scopes),
    ApiBearerAuth(BEARER_SCHEME),
    ApiUnauthorizedResponse({
      description: 'Missing, malformed, unknown, expired or revoked token',
      type: ProblemDto,
    }),
    ApiForbiddenResponse({
      description: `Token lacks scope ${scopes.join(', ') || '(none)'}`,
      type: ProblemDto,
    }),
    ApiTooManyRequestsResponse({
      description:
        "Over the token's requests per minute, or too many failed authentications from the address (Retry-After)",
      type: ProblemDto,
    }),
  );

/**
 * A partner-facing route: requires the scopes and a token that belongs to a partner; any other
 * token (ADMIN_TOKEN, an operator token) gets 403 partner_required.
 */
export const RequirePartner = (...scopes: Scope[]): MethodDecorator & ClassDecorator =>
  applyDecorators(SetMetadata(PARTNER_KEY, true), RequireScopes(...scopes));

export type AuthenticatedRequest = FastifyRequest & { principal?: Principal };

/** The principal the guard resolved for this request. */
export const CurrentPrincipal = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): Principal => {
    const principal = ctx.switchToHttp().getRequest<AuthenticatedRequest>().principal;
    if (!principal) throw new Error('CurrentPrincipal used on a route without authentication');
    return principal;
  },
);
