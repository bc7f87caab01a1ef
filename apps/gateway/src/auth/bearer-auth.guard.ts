import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError } from '../common/errors/domain-error.js';
import { AuthService } from './auth.service.js';
import { PUBLIC_KEY, SCOPES_KEY, type AuthenticatedRequest } from './auth.decorators.js';
import { grants, type Scope } from './scopes.js';

const CHALLENGE = { 'www-authenticate': 'Bearer realm="smm-gateway"' };
const BEARER = /^Bearer ([\x21-\x7e]{1,512})$/;

/**
 * Global guard: every route needs a valid bearer token unless marked @Public(); routes
 * declare the scopes they need with @RequireScopes().
 */
@Injectable()
export class BearerAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization;
    if (!header) throw unauthorized('An Authorization: Bearer <token> header is required.');
    const match = BEARER.exec(header);
    if (!match) throw unauthorized('The Authorization header must be "Bearer <token>".');

    const principal = await this.auth.authenticate(match[1]!);
    if (!principal) throw unauthorized('The bearer token is not valid.');
    request.principal = principal;

    const required =
      this.reflector.getAllAndOverride<Scope[] | undefined>(SCOPES_KEY, targets) ?? [];
    const missing = required.filter((scope) => !grants(principal, scope));
    if (missing.length > 0) {
      throw new DomainError(
        'insufficient_scope',
        `This route requires the scope ${missing.join(', ')}.`,
        {
          requiredScopes: missing,
        },
      );
    }
    return true;
  }
}

function unauthorized(detail: string): DomainError {
  return new DomainError('unauthorized', detail, {}, CHALLENGE);
}
