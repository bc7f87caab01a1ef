export const SCOPES = [
  'services:read',
  'orders:read',
  'orders:write',
  'balance:read',
  'metrics:read',
  'webhooks:write',
  'admin',
] as const;
export type Scope = (typeof SCOPES)[number];

/** Who is calling: resolved from the bearer token once per request by the guard. */
export interface Principal {
  /** `env-admin` is the ADMIN_TOKEN from the environment; `token` an issued token. */
  readonly kind: 'env-admin' | 'token';
  /** The partner the token belongs to; null for a token that belongs to no partner. */
  readonly partnerId: number | null;
  readonly tokenId: number | null;
  readonly scopes: ReadonlySet<Scope>;
  /** A display name for audit entries (never the token). */
  readonly actor: string;
  /** Requests per minute for this token, when its partner overrides the default. */
  readonly requestsPerMinute?: number;
}

/**
 * The admin scope grants every admin route, reading the catalog and the metrics; orders need
 * their own scopes.
 */
export function grants(principal: Principal, scope: Scope): boolean {
  if (principal.scopes.has(scope)) return true;
  return (scope === 'services:read' || scope === 'metrics:read') && principal.scopes.has('admin');
}
