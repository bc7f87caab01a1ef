import type { Repository } from 'typeorm';
import type { Principal } from '../auth/scopes.js';
import { DomainError } from '../common/errors/domain-error.js';
import { findOwned, partnerIdOf, type PartnerOwned } from './partner-isolation.js';

interface Row extends PartnerOwned {
  id: number;
  partnerId: number;
  note: string;
}

/** A fake repository over an array, honouring exactly the where it is given. */
const fakeRepo = (rows: Row[]) =>
  ({
    findOneBy: async (where: Partial<Row>) =>
      rows.find((r) => Object.entries(where).every(([k, v]) => r[k as keyof Row] === v)) ?? null,
  }) as unknown as Repository<Row>;

const principal = (partnerId: number | null): Principal => ({
  kind: 'token',
  partnerId,
  tokenId: 1,
  scopes: new Set(),
  actor: 'token 1',
});

async function failure(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (error) {
    return error as DomainError;
  }
  throw new Error('expected a rejection');
}

describe('partner isolation', () => {
  const repo = fakeRepo([
    { id: 1, partnerId: 10, note: 'mine' },
    { id: 2, partnerId: 20, note: 'theirs' },
  ]);

  it('finds a row the partner owns', async () => {
    expect((await findOwned(repo, 10, 1, 'Order')).note).toBe('mine');
  });

  it("answers another partner's id exactly like a missing id", async () => {
    const foreign = await failure(findOwned(repo, 10, 2, 'Order'));
    const missing = await failure(findOwned(repo, 10, 3, 'Order'));
    expect(foreign.code).toBe('not_found');
    expect(foreign.detail).toBe('Order 2 does not exist.');
    expect(missing.detail).toBe('Order 3 does not exist.');
    expect(Object.keys(foreign.extensions)).toEqual(Object.keys(missing.extensions));
  });

  it('refuses a token without a partner with partner_required', () => {
    expect(partnerIdOf(principal(7))).toBe(7);
    expect(() => partnerIdOf(principal(null))).toThrow(DomainError);
  });
});
