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
import type { ErrorCode } from '../common/errors/error-codes.js';
import { problemExample } from '../common/http/problem-examples.js';
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
  guarded(scopes, false);

/**
 * A partner-facing route: requires the scopes and a token that belongs to a partner; any other
 * token (ADMIN_TOKEN, an operator token) gets 403 partner_required.
 */
export const RequirePartner = (...scopes: Scope[]): MethodDecorator & ClassDecorator =>
  applyDecorators(SetMetadata(PARTNER_KEY, true), guarded(scopes, true));

function guarded(scopes: Scope[], partner: boolean): MethodDecorator & ClassDecorator {
  const needed = scopes.join(', ') || '(none)';
  return applyDecorators(
    SetMetadata(SCOPES_KEY, scopes),
    ApiBearerAuth(BEARER_SCHEME),
    ApiUnauthorizedResponse({
      description: 'Missing, malformed, unknown, expired or revoked token',
      type: ProblemDto,
      examples: problems({ unauthorized: 'A valid bearer token is required.' }),
    }),
    ApiForbiddenResponse({
      description: `Token lacks scope ${needed}${partner ? ', or belongs to no partner' : ''}`,
      type: ProblemDto,
      examples: problems({
        insufficient_scope: `This token lacks the ${needed} scope.`,
        ...(partner
          ? {
              partner_required:
                'This route acts on the calling partner; use a token issued to a partner.',
            }
          : {}),
      }),
    }),
    ApiTooManyRequestsResponse({
      description:
        "Over the token's requests per minute, or too many failed authentications from the address (Retry-After)",
      type: ProblemDto,
      examples: problems({
        rate_limited: 'Over 120 requests per minute; retry after 12 s.',
        auth_failures_limited: 'Too many failed authentications from this address; retry later.',
      }),
    }),
  );
}

/** Examples of problem documents, by code. */
function problems(codes: Partial<Record<ErrorCode, string>>) {
  return Object.fromEntries(
    (Object.entries(codes) as [ErrorCode, string][]).map(([code, detail]) => [
      code,
      { summary: detail, value: problemExample(code, detail) },
    ]),
  );
}

export type AuthenticatedRequest = FastifyRequest & { principal?: Principal };

/** The principal the guard resolved for this request. */
export const CurrentPrincipal = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): Principal => {
    const principal = ctx.switchToHttp().getRequest<AuthenticatedRequest>().principal;
    if (!principal) throw new Error('CurrentPrincipal used on a route without authentication');
    return principal;
  },
);
