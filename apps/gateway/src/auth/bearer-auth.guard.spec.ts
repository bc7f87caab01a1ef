import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError } from '../common/errors/domain-error.js';
import type { AppConfig } from '../config/app-config.js';
import type { AuthService } from './auth.service.js';
import type { AuthenticateOptions } from './issued-tokens.js';
import { PARTNER_KEY, SCOPES_KEY } from './auth.decorators.js';
import { BearerAuthGuard } from './bearer-auth.guard.js';
import { RequestLimits } from './request-limits.js';
import type { Principal, Scope } from './scopes.js';

const principal = (scopes: Scope[], partnerId: number | null = 1): Principal => ({
  kind: 'token',
  partnerId,
  tokenId: 9,
  scopes: new Set(scopes),
  actor: 'token 9',
});

/** A hand-written fake: the guard's only collaborator is authenticate(). */
const fakeAuth = (result: Principal | null) =>
  ({ authenticate: async () => result }) as unknown as AuthService;

const limits = (requestsPerMinute = 600, failedAuthPerMinute = 20) =>
  new RequestLimits({ limits: { requestsPerMinute, failedAuthPerMinute } } as AppConfig);

const guardFor = (result: Principal | null, l = limits()) =>
  new BearerAuthGuard(new Reflector(), fakeAuth(result), l);

function contextFor(
  required: Scope[],
  authorization?: string,
  options: { partner?: boolean; headers?: Record<string, string> } = {},
): ExecutionContext {
  const handler = () => undefined;
  Reflect.defineMetadata(SCOPES_KEY, required, handler);
  if (options.partner) Reflect.defineMetadata(PARTNER_KEY, true, handler);
  const request = { ip: '10.0.0.1', headers: authorization ? { authorization } : {} };
  const reply = { headers: (h: Record<string, string>) => Object.assign(options.headers ?? {}, h) };
  return {
    getHandler: () => handler,
    getClass: () => class {},
    switchToHttp: () => ({ getRequest: () => request, getResponse: () => reply }),
  } as unknown as ExecutionContext;
}

async function rejection(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (error) {
    return error as DomainError;
  }
  throw new Error('expected a rejection');
}

describe('BearerAuthGuard', () => {
  it('answers insufficient_scope naming the missing scope', async () => {
    const guard = guardFor(principal(['orders:read']));
    const error = await rejection(guard.canActivate(contextFor(['orders:write'], 'Bearer abcdef')));
    expect(error.code).toBe('insufficient_scope');
    expect(error.detail).toContain('orders:write');
  });

  it('lets the admin scope read the catalog but not place orders', async () => {
    const guard = guardFor(principal(['admin']));
    await expect(guard.canActivate(contextFor(['services:read'], 'Bearer abcdef'))).resolves.toBe(
      true,
    );
    const error = await rejection(guard.canActivate(contextFor(['orders:write'], 'Bearer abcdef')));
    expect(error.code).toBe('insufficient_scope');
  });

  it('answers unauthorized for an unknown token', async () => {
    const error = await rejection(guardFor(null).canActivate(contextFor([], 'Bearer nope')));
    expect(error.code).toBe('unauthorized');
  });

  it('answers partner_required on a partner route to a token that belongs to no partner', async () => {
    const guard = guardFor(principal(['admin', 'balance:read'], null));
    const error = await rejection(
      guard.canActivate(contextFor(['balance:read'], 'Bearer abcdef', { partner: true })),
    );
    expect(error.code).toBe('partner_required');
    await expect(
      guardFor(principal(['balance:read'], 4)).canActivate(
        contextFor(['balance:read'], 'Bearer abcdef', { partner: true }),
      ),
    ).resolves.toBe(true);
  });

  it('sets RateLimit-* headers and refuses with Retry-After past the limit', async () => {
    const guard = guardFor(principal(['orders:read']), limits(2));
    const headers: Record<string, string> = {};
    await guard.canActivate(contextFor([], 'Bearer abcdef', { headers }));
    expect(headers).toMatchObject({ 'ratelimit-limit': '2', 'ratelimit-remaining': '1' });
    await guard.canActivate(contextFor([], 'Bearer abcdef'));
    const error = await rejection(guard.canActivate(contextFor([], 'Bearer abcdef')));
    expect(error.code).toBe('rate_limited');
    expect(Number(error.headers['retry-after'])).toBeGreaterThan(0);
    expect(error.headers['ratelimit-remaining']).toBe('0');
  });

  it('after repeated failures from an address, refuses failures with 429 but serves valid tokens', async () => {
    const l = limits(600, 2);
    const failing = guardFor(null, l);
    for (let i = 0; i < 2; i++) {
      expect((await rejection(failing.canActivate(contextFor([], 'Bearer x')))).code).toBe(
        'unauthorized',
      );
    }
    const blocked = await rejection(failing.canActivate(contextFor([], 'Bearer x')));
    expect(blocked.code).toBe('auth_failures_limited');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    // A valid token from the same address, whether cached or not, is served.
    const seen: (AuthenticateOptions | undefined)[] = [];
    const knownOnlyInDatabase = {
      authenticate: async (_token: string, options?: AuthenticateOptions) => {
        seen.push(options);
        return principal([]);
      },
    } as unknown as AuthService;
    await expect(
      new BearerAuthGuard(new Reflector(), knownOnlyInDatabase, l).canActivate(
        contextFor([], 'Bearer ok'),
      ),
    ).resolves.toBe(true);
    expect(seen).toEqual([undefined]);
  });
});
