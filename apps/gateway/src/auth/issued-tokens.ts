import type { Principal } from './scopes.js';

/**
 * Port for tokens the gateway issues to partners: declared here so authentication does not
 * depend on the partners module, which binds the implementation (IssuedTokenAuthenticator).
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
