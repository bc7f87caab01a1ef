import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FindOptionsWhere, ObjectLiteral, Repository } from 'typeorm';
import type { AuthenticatedRequest } from '../auth/auth.decorators.js';
import type { Principal } from '../auth/scopes.js';
import { DomainError, notFound } from '../common/errors/domain-error.js';

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

/** Rows a partner can own: an id and the partner it belongs to. */
export interface PartnerOwned extends ObjectLiteral {
  id: number;
  partnerId: number;
}

/**
 * The row with this id if it belongs to the partner; otherwise the same 404 `not_found` whether
 * the id is unknown or someone else's (`what` names the thing: "Order", "Refill"). In a
 * transaction pass `manager.getRepository(Entity)`.
 */
export async function findOwned<E extends PartnerOwned>(
  repository: Repository<E>,
  partnerId: number,
  id: number,
  what: string,
): Promise<E> {
  const row = await repository.findOneBy({ id, partnerId } as FindOptionsWhere<E>);
  if (!row) throw notFound(what, id);
  return row;
}

/** The `where` of a partner-scoped list query. */
export const ownedBy = <E extends PartnerOwned>(
  partnerId: number,
  where: FindOptionsWhere<E> = {},
): FindOptionsWhere<E> => ({ ...where, partnerId }) as FindOptionsWhere<E>;
