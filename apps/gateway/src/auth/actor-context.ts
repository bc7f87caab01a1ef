import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { AuthenticatedRequest } from './auth.decorators.js';

/** Who acts, for audit entries and ledger rows: the principal's display name and the request id. */
export interface ActorContext {
  /** Never a token: `token 12 (ops)`, `admin-token (environment)`, `cli`. */
  readonly actor: string;
  readonly requestId?: string;
}

/** The ActorContext of the current request (the route must be authenticated). */
export const CurrentActor = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): ActorContext => {
    const request = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
    if (!request.principal) throw new Error('CurrentActor used on a route without authentication');
    return { actor: request.principal.actor, requestId: String(request.id) };
  },
);
