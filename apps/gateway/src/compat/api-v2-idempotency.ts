import { Injectable } from '@nestjs/common';
import { DomainError } from '../common/errors/domain-error.js';
import { IdempotencyRecovery } from '../orders/idempotency/idempotency-recovery.js';
import { VALID_IDEMPOTENCY_KEY } from '../orders/idempotency/idempotency.interceptor.js';
import { IdempotencyStore } from '../orders/idempotency/idempotency.store.js';
import { requestHash } from '../orders/idempotency/request-hash.js';
import { WIRE_ERRORS, WireError } from './wire-errors.js';
import type { WireParams } from './wire-params.js';

/** Fields that are not the order itself: they never make two requests different. */
const NOT_THE_ORDER = new Set(['key', 'action', 'idempotency_key']);

export const IDEMPOTENCY_MESSAGES = {
  invalid: 'Incorrect idempotency key',
  reused: 'This idempotency key was used for another order',
  inFlight: 'An order with this idempotency key is being placed, try again later',
} as const;

/**
 * `idempotency_key` on `add`, with the REST API's Idempotency-Key semantics and store (per
 * partner, kept IDEMPOTENCY_TTL_HOURS): the same key and the same order fields answer the order
 * already placed, `{"order": N}`, however often it is sent; other fields are refused; while the
 * first request runs, "try again later". A gateway chained on top sends one with every add, so an
 * answer lost on the way is recovered by resending, never by a second order.
 */
@Injectable()
export class ApiV2Idempotency {
  constructor(
    private readonly store: IdempotencyStore,
    private readonly recovery: IdempotencyRecovery,
  ) {}

  async add(
    partnerId: number,
    key: string | undefined,
    params: WireParams,
    place: (key: string | null) => Promise<{ order: number }>,
  ): Promise<{ order: number }> {
    if (key === undefined) return place(null);
    if (!VALID_IDEMPOTENCY_KEY.test(key)) throw new WireError(IDEMPOTENCY_MESSAGES.invalid);
    const fields = Object.fromEntries(
      Object.entries(params).filter(([name]) => !NOT_THE_ORDER.has(name)),
    );
    let begun;
    try {
      begun = await this.store.begin(
        partnerId,
        key,
        requestHash('POST', '/api/v2 add', fields),
        () => this.recovery.recover(partnerId, key),
      );
    } catch (error) {
      if (error instanceof DomainError && error.code === 'idempotency_key_reused') {
        throw new WireError(IDEMPOTENCY_MESSAGES.reused);
      }
      if (error instanceof DomainError && error.code === 'idempotency_in_flight') {
        throw new WireError(IDEMPOTENCY_MESSAGES.inFlight, { 'retry-after': '1' });
      }
      throw error;
    }
    if (begun.kind === 'replay') return replayed(begun.body);
    let answer: { order: number };
    try {
      answer = await place(key);
    } catch (error) {
      // A refusal placed nothing: the key may be used again. An unknown outcome keeps the key in
      // flight, so a retry after the lease finds the order it may have created (recovery).
      if (error instanceof WireError && error.status === 200) await this.store.release(begun.id);
      throw error;
    }
    await this.store.complete(begun.id, 200, answer);
    return answer;
  }
}

/** A stored answer: the facade's own `{order}`, or the REST order (same key used on /v1). */
function replayed(body: unknown): { order: number } {
  const stored = body as { order?: unknown; id?: unknown } | null;
  const order = typeof stored?.order === 'number' ? stored.order : stored?.id;
  if (typeof order !== 'number') throw new WireError(WIRE_ERRORS.incorrectRequest);
  return { order };
}
