import type { UpstreamService } from '#smm-protocol';
import type { Decimal } from 'decimal.js';
import { toStored } from '../common/money/money.js';

/** The stored fields of an offer, normalized the same way from the wire and from the database. */
export interface OfferFields {
  readonly upstreamServiceId: string;
  readonly name: string;
  readonly type: string;
  readonly category: string | null;
  /** Canonical decimal text (no trailing zeros), at most 12 decimals. */
  readonly rate: string;
  readonly min: number;
  readonly max: number;
  readonly refill: boolean;
  readonly cancel: boolean;
  readonly dripfeed: boolean;
  readonly description: string | null;
}

export interface StoredOffer extends OfferFields {
  readonly id: number;
  readonly available: boolean;
}

export interface OfferDiff {
  readonly inserted: OfferFields[];
  /** Changed fields, or back in the catalog after being removed. */
  readonly changed: Array<{
    readonly id: number;
    readonly fields: OfferFields;
    readonly oldRate: string;
  }>;
  readonly removed: number[];
  readonly unchanged: number;
}

/** An upstream service as stored: unknown types keep the panel's text, unknown flags read as absent. */
export function offerFields(service: UpstreamService): OfferFields {
  return {
    upstreamServiceId: service.id,
    name: text(service.name, 500),
    type: text(service.type ?? service.rawType, 100),
    category: service.category === null ? null : text(service.category, 500),
    rate: canonicalRate(service.rate),
    min: service.min,
    max: service.max,
    refill: service.refill === true,
    cancel: service.cancel === true,
    dripfeed: service.dripfeed === true,
    description: service.description === null ? null : text(service.description, 10_000),
  };
}

/** PostgreSQL text cannot hold NUL; columns have lengths. */
const text = (value: string, max: number): string => value.replace(/\0/g, '').slice(0, max);

/** A rate as its money column stores it (the same text from the wire and from either engine). */
export const canonicalRate = (rate: Decimal | string): string => toStored(rate);

/**
 * Compares the upstream catalog with the stored offers, in memory. Offers missing upstream are
 * removed, except ids the upstream sent in a form we could not read (`keep`): a malformed entry
 * is not a disappearance.
 */
export function diffOffers(
  stored: readonly StoredOffer[],
  upstream: readonly OfferFields[],
  keep: ReadonlySet<string> = new Set(),
): OfferDiff {
  const byId = new Map(stored.map((offer) => [offer.upstreamServiceId, offer]));
  const seen = new Set<string>();
  const inserted: OfferFields[] = [];
  const changed: OfferDiff['changed'] = [];
  let unchanged = 0;
  for (const fields of upstream) {
    seen.add(fields.upstreamServiceId);
    const current = byId.get(fields.upstreamServiceId);
    if (!current) inserted.push(fields);
    else if (!current.available || !sameFields(current, fields)) {
      changed.push({ id: current.id, fields, oldRate: current.rate });
    } else unchanged++;
  }
  const removed = stored
    .filter((o) => o.available && !seen.has(o.upstreamServiceId) && !keep.has(o.upstreamServiceId))
    .map((o) => o.id);
  return { inserted, changed, removed, unchanged };
}

function sameFields(a: OfferFields, b: OfferFields): boolean {
  return (
    a.rate === b.rate &&
    a.name === b.name &&
    a.type === b.type &&
    a.category === b.category &&
    a.min === b.min &&
    a.max === b.max &&
    a.refill === b.refill &&
    a.cancel === b.cancel &&
    a.dripfeed === b.dripfeed &&
    a.description === b.description
  );
}
