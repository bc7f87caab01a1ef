import type { Principal } from './scopes.js';

/**
 * Port for tokens the gateway issues to partners. The foundation binds an implementation that
 * knows none; the partners module binds the real one.
 */
export abstract class IssuedTokens {
  /** Resolves a presented bearer token to its principal, or null when it is not a valid issued token. */
  abstract authenticate(token: string): Promise<Principal | null>;
}

export class NoIssuedTokens extends IssuedTokens {
  authenticate(): Promise<Principal | null> {
    return Promise.resolve(null);
  }
}
