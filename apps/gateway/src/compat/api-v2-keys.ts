import { Injectable } from '@nestjs/common';
import { AuthService } from '../auth/auth.service.js';
import { RequestLimits } from '../auth/request-limits.js';
import { grants, type Principal, type Scope } from '../auth/scopes.js';
import { DomainError } from '../common/errors/domain-error.js';
import { bindCaller } from '../logging/request-context.js';
import { WIRE_ERRORS, WireError } from './wire-errors.js';

/** A caller the `key` field identified: its partner, and the rate-limit headers to send. */
export interface WireCaller {
  readonly principal: Principal;
  readonly partnerId: number;
  readonly headers: Record<string, string>;
}

/** Longer than any token we issue or accept (the REST guard takes at most 512 characters). */
const MAX_KEY_LENGTH = 512;

/**
 * The `key` field is a partner's issued token, checked exactly as the bearer guard checks one
 * (AuthService), under the same limits: the address's failed-authentication budget (which
 * throttles failures only) and the token's requests per minute. Only a
 * partner's token is a key: ADMIN_TOKEN and operator tokens have no account to act on.
 */
@Injectable()
export class ApiV2Keys {
  constructor(
    private readonly auth: AuthService,
    private readonly limits: RequestLimits,
  ) {}

  async authenticate(key: string, address: string): Promise<WireCaller> {
    const principal = key.length <= MAX_KEY_LENGTH ? await this.auth.authenticate(key) : null;
    if (!principal) {
      // The slow-down throttles failures only: a valid key is served whatever its address did.
      const blocked = await this.limits.addressBlocked(address);
      if (blocked) throw fromDomain(blocked);
      await this.limits.recordFailure(address);
      throw new WireError(WIRE_ERRORS.invalidKey);
    }
    if (principal.partnerId === null) throw new WireError(WIRE_ERRORS.invalidKey);
    bindCaller(principal);
    let headers: Record<string, string>;
    try {
      headers = await this.limits.admit(principal);
    } catch (error) {
      if (error instanceof DomainError) throw fromDomain(error);
      throw error;
    }
    return { principal, partnerId: principal.partnerId, headers };
  }

  /** The key must hold the action's scope; otherwise it is not a valid key for that action. */
  requireScope(caller: WireCaller, scope: Scope): void {
    if (!grants(caller.principal, scope)) {
      throw new WireError(
        `${WIRE_ERRORS.invalidKey} (it lacks the scope ${scope})`,
        caller.headers,
      );
    }
  }
}

/** A limit refusal (429 in REST) as the protocol's rate-limit message, with its headers. */
function fromDomain(error: DomainError): WireError {
  return new WireError(`${WIRE_ERRORS.tooManyRequests}: ${error.detail}`, error.headers);
}
