import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { AuthenticatedRequest } from '../auth/auth.decorators.js';
import type { Principal } from '../auth/scopes.js';
import { DomainError } from '../common/errors/domain-error.js';

/**
 * Partner isolation: everything a partner reads or writes is looked up by (its id, its partner),
 * so another partner's id answers exactly like an id that does not exist.
 */

/** The calling partner; 403 partner_required for a token that belongs to no partner. */
export function partnerIdOf(principal: Principal): number {
  if (principal.partnerId === null) {
    throw new DomainError(
      'partner_required',
      'This route acts on the calling partner; use a token issued to a partner.',
    );
  }
  return principal.partnerId;
}

/** `@CurrentPartnerId()`: the calling partner's id (pair with @RequirePartner on the route). */
export const CurrentPartnerId = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): number => {
    const principal = ctx.switchToHttp().getRequest<AuthenticatedRequest>().principal;
    if (!principal) throw new Error('CurrentPartnerId used on a route without authentication');
    return partnerIdOf(principal);
  },
);
