import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply } from 'fastify';
import { DomainError } from '../common/errors/domain-error.js';
import { AuthService } from './auth.service.js';
import {
  PARTNER_KEY,
  PUBLIC_KEY,
  SCOPES_KEY,
  type AuthenticatedRequest,
} from './auth.decorators.js';
import { bindCaller } from '../logging/request-context.js';
import { RequestLimits } from './request-limits.js';
import { grants, type Principal, type Scope } from './scopes.js';

const CHALLENGE = { 'www-authenticate': 'Bearer realm="smm-gateway"' };
const BEARER = /^Bearer ([\x21-\x7e]{1,512})$/;

/** What a route declares about its callers, read once per route from its decorators. */
interface RouteAccess {
  readonly isPublic: boolean;
  readonly partnerOnly: boolean;
  readonly scopes: readonly Scope[];
}

/**
 * Global guard: every route needs a valid bearer token unless marked @Public(); routes
 * declare the scopes they need with @RequireScopes() (@RequirePartner() when they act on the
 * token's partner). Order: address slow-down, token, per-token rate limit, partner (a token without one can
 * never use a partner route, whatever its scopes), scopes.
 */
@Injectable()
export class BearerAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    private readonly limits: RequestLimits,
  ) {}

  /** Per controller class, per handler: decorators do not change at run time. */
  private readonly routes = new WeakMap<object, WeakMap<object, RouteAccess>>();

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const access = this.accessOf(context);
    if (access.isPublic) return true;

    const http = context.switchToHttp();
    const request = http.getRequest<AuthenticatedRequest>();
    const principal = await this.authenticate(request);
    request.principal = principal;
    bindCaller(principal);
    http.getResponse<FastifyReply>().headers(await this.limits.admit(principal));

    if (access.partnerOnly && principal.partnerId === null) {
      throw new DomainError(
        'partner_required',
        'This route acts on the calling partner; use a token issued to a partner.',
      );
    }
    const missing = access.scopes.filter((scope) => !grants(principal, scope));
    if (missing.length > 0) {
      throw new DomainError(
        'insufficient_scope',
        `This route requires the scope ${missing.join(', ')}.`,
        { requiredScopes: missing },
      );
    }
    return true;
  }

  private accessOf(context: ExecutionContext): RouteAccess {
    const handler = context.getHandler();
    const controller = context.getClass();
    let byHandler = this.routes.get(controller);
    if (!byHandler) this.routes.set(controller, (byHandler = new WeakMap()));
    let access = byHandler.get(handler);
    if (!access) {
      const targets = [handler, controller];
      access = {
        isPublic: this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets) === true,
        partnerOnly: this.reflector.getAllAndOverride<boolean>(PARTNER_KEY, targets) === true,
        scopes: this.reflector.getAllAndOverride<Scope[] | undefined>(SCOPES_KEY, targets) ?? [],
      };
      byHandler.set(handler, access);
    }
    return access;
  }

  /**
   * The principal, or a 401 counted against the address. The slow-down throttles failures only:
   * a valid token is served whatever else comes from its address (a NAT shared with a guesser
   * must not lock partners out). Once an address is over its budget, a token that fails is a
   * 429 with Retry-After until the window ends; malformed tokens (bad checksum) never reach the
   * database, so guessing from a blocked address costs at most one indexed read per try.
   */
  private async authenticate(request: AuthenticatedRequest): Promise<Principal> {
    const address = request.ip;
    const header = request.headers.authorization;
    const match = header ? BEARER.exec(header) : null;
    const principal = match ? await this.auth.authenticate(match[1]!) : null;
    if (principal) return principal;
    const blocked = await this.limits.addressBlocked(address);
    if (blocked) throw blocked;
    await this.limits.recordFailure(address);
    if (!header) throw unauthorized('An Authorization: Bearer <token> header is required.');
    if (!match) throw unauthorized('The Authorization header must be "Bearer <token>".');
    throw unauthorized('The bearer token is not valid.');
  }
}

function unauthorized(detail: string): DomainError {
  return new DomainError('unauthorized', detail, {}, CHALLENGE);
}
