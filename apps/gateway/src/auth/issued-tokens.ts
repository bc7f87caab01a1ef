import type { Principal } from './scopes.js';

/**
 * Port for tokens the gateway issues to partners. The foundation binds an implementation that
 * knows none; the partners module binds the real one.
 */
export abstract class IssuedTokens {
  /** Resolves a presented bearer token to its principal, or null when it is not a valid issued token. */
  abstract authenticate(token: string, options?: AuthenticateOptions): Promise<Principal | null>;
}

export interface AuthenticateOptions {
  /**
   * Answer from memory only (no database read): used for addresses that keep failing, so that
   * guessing cannot load the database while clients whose tokens are known keep working.
   */
  readonly cachedOnly?: boolean;
}

export class NoIssuedTokens extends IssuedTokens {
  authenticate(): Promise<Principal | null> {
    return Promise.resolve(null);
  }
}
