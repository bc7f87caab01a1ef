import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError } from '../common/errors/domain-error.js';
import type { AuthService } from './auth.service.js';
import { SCOPES_KEY } from './auth.decorators.js';
import { BearerAuthGuard } from './bearer-auth.guard.js';
import type { Principal, Scope } from './scopes.js';

const principal = (scopes: Scope[]): Principal => ({
  kind: 'token',
  partnerId: 1,
  tokenId: 9,
  scopes: new Set(scopes),
  actor: 'token 9',
});

/** A hand-written fake: the guard's only collaborator is authenticate(). */
const fakeAuth = (result: Principal | null) => ({ authenticate: async () => result }) as unknown as AuthService;

function contextFor(required: Scope[], authorization?: string): ExecutionContext {
  const handler = () => undefined;
  Reflect.defineMetadata(SCOPES_KEY, required, handler);
  const request = { headers: authorization ? { authorization } : {} };
  return {
    getHandler: () => handler,
    getClass: () => class {},
    switchToHttp: () => ({ getRequest: () => request }),
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
    const guard = new BearerAuthGuard(new Reflector(), fakeAuth(principal(['orders:read'])));
    const error = await rejection(guard.canActivate(contextFor(['orders:write'], 'Bearer abcdef')));
    expect(error.code).toBe('insufficient_scope');
    expect(error.detail).toContain('orders:write');
  });

  it('lets the admin scope read the catalog but not place orders', async () => {
    const guard = new BearerAuthGuard(new Reflector(), fakeAuth(principal(['admin'])));
    await expect(guard.canActivate(contextFor(['services:read'], 'Bearer abcdef'))).resolves.toBe(true);
    const error = await rejection(guard.canActivate(contextFor(['orders:write'], 'Bearer abcdef')));
    expect(error.code).toBe('insufficient_scope');
  });

  it('answers unauthorized for an unknown token', async () => {
    const guard = new BearerAuthGuard(new Reflector(), fakeAuth(null));
    const error = await rejection(guard.canActivate(contextFor([], 'Bearer nope')));
    expect(error.code).toBe('unauthorized');
  });
});
