import { Injectable } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import { AppConfig } from '../config/app-config.js';
import { IssuedTokens, type AuthenticateOptions } from './issued-tokens.js';
import { SCOPES, type Principal } from './scopes.js';

const ENV_ADMIN: Principal = {
  kind: 'env-admin',
  partnerId: null,
  tokenId: null,
  scopes: new Set(SCOPES),
  actor: 'admin-token (environment)',
};

@Injectable()
export class AuthService {
  private readonly adminDigest: Buffer | null;

  constructor(
    config: AppConfig,
    private readonly issued: IssuedTokens,
  ) {
    this.adminDigest = config.auth.adminToken ? digest(config.auth.adminToken) : null;
  }

  /**
   * The principal for a bearer token, or null when the token is not accepted. Issued tokens are
   * tried first (the common case: their shape is checked without I/O, so any other text falls
   * through at once); ADMIN_TOKEN is compared only when no issued token matched.
   */
  async authenticate(token: string, options: AuthenticateOptions = {}): Promise<Principal | null> {
    const issued = await this.issued.authenticate(token, options);
    if (issued) return issued;
    // Digests have equal length, so the comparison is constant-time whatever the input length.
    if (this.adminDigest && timingSafeEqual(digest(token), this.adminDigest)) return ENV_ADMIN;
    return null;
  }
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
