import type { EntityManager } from 'typeorm';
import type { FieldError } from '../common/errors/domain-error.js';
import { chunks, SqlDialect } from '../database/sql-dialect.js';

export interface OfferRef {
  readonly providerId: number;
  readonly upstreamServiceId: string;
}

export interface OfferKeyRow extends OfferRef {
  readonly id: number;
  readonly type: string;
}

export const offerKey = (ref: OfferRef): string => `${ref.providerId}:${ref.upstreamServiceId}`;

/** Finds the stored offers a list of references names: one query per provider and 500 ids. */
export async function lookupOffers(
  manager: EntityManager,
  postgres: boolean,
  refs: readonly OfferRef[],
): Promise<Map<string, OfferKeyRow>> {
  const sql = new SqlDialect(postgres);
  const byProvider = new Map<number, Set<string>>();
  for (const ref of refs) {
    const ids = byProvider.get(ref.providerId) ?? new Set<string>();
    ids.add(ref.upstreamServiceId);
    byProvider.set(ref.providerId, ids);
  }
  const found = new Map<string, OfferKeyRow>();
  for (const [providerId, ids] of byProvider) {
    for (const part of chunks([...ids], 500)) {
      const rows: Array<{ id: number; upstream_service_id: string; type: string }> =
        await manager.query(
          `SELECT id, upstream_service_id, type FROM provider_offers
            WHERE provider_id = ${sql.param(1)}
              AND upstream_service_id IN (${part.map((_, i) => sql.param(i + 2)).join(', ')})`,
          [providerId, ...part],
        );
      for (const row of rows) {
        const hit = {
          id: Number(row.id),
          providerId,
          upstreamServiceId: row.upstream_service_id,
          type: row.type,
        };
        found.set(offerKey(hit), hit);
      }
    }
  }
  return found;
}

/** Problems with a mapping for a service of `type`: missing offers, other types, duplicates. */
export function mappingProblems(
  refs: readonly OfferRef[],
  type: string,
  offers: ReadonlyMap<string, OfferKeyRow>,
  path: string,
): { notFound: FieldError[]; typeMismatch: FieldError[]; duplicates: FieldError[] } {
  const notFound: FieldError[] = [];
  const typeMismatch: FieldError[] = [];
  const duplicates: FieldError[] = [];
  const seen = new Set<string>();
  refs.forEach((ref, index) => {
    const field = `${path}.${index}`;
    const key = offerKey(ref);
    if (seen.has(key)) {
      duplicates.push({ field, message: `offer ${key} is listed twice` });
      return;
    }
    seen.add(key);
    const offer = offers.get(key);
    if (!offer) {
      notFound.push({
        field,
        message: `provider ${ref.providerId} has no offer with upstream service id ${ref.upstreamServiceId}`,
      });
    } else if (offer.type !== type) {
      typeMismatch.push({
        field,
        message: `offer ${key} is of type "${offer.type}", the service is "${type}"`,
      });
    }
  });
  return { notFound, typeMismatch, duplicates };
}
