import type { FieldError } from '../common/errors/domain-error.js';

export interface OfferRef {
  readonly providerId: number;
  readonly upstreamServiceId: string;
}

export interface OfferKeyRow extends OfferRef {
  readonly id: number;
  readonly type: string;
}

export const offerKey = (ref: OfferRef): string => `${ref.providerId}:${ref.upstreamServiceId}`;

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
