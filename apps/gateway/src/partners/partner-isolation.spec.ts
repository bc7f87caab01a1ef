import type { Principal } from '../auth/scopes.js';
import { DomainError } from '../common/errors/domain-error.js';
import { partnerIdOf } from './partner-isolation.js';

const principal = (partnerId: number | null): Principal => ({
  kind: 'token',
  partnerId,
  tokenId: 1,
  scopes: new Set(),
  actor: 'token 1',
});

describe('partner isolation', () => {
  it('refuses a token without a partner with partner_required', () => {
    expect(partnerIdOf(principal(7))).toBe(7);
    expect(() => partnerIdOf(principal(null))).toThrow(DomainError);
  });
});
