import type { AddOrderField } from '#smm-protocol';

/**
 * The order placement's input, in the orders module's own terms: what the REST controller and
 * the API v2 facade each produce from their wire format (validated there), and all placement
 * ever reads. The add fields keep the protocol's names; the service's type decides which apply.
 */
export interface PlaceOrder {
  readonly partnerId: number;
  /** Our service id (its upstream id is set per attempt). */
  readonly serviceId: number;
  /** The add fields given (link, quantity, comments, runs, interval, ...), without `service`. */
  readonly fields: Readonly<Partial<Record<AddOrderField, string | number>>>;
  /** Refuse the order when its charge would be above this (exact decimal text). */
  readonly maxCharge?: string;
  /** Route only to these providers. */
  readonly only?: readonly number[];
  /** Never route to these providers. */
  readonly ignore?: readonly number[];
  /** The partner's Idempotency-Key, or null. */
  readonly idempotencyKey: string | null;
}
