import { Injectable } from '@nestjs/common';
import { DomainError } from '../../common/errors/domain-error.js';
import { AppConfig } from '../../config/app-config.js';
import { isUniqueViolation } from '../../database/sql-dialect.js';
import { Transactions } from '../../database/transactions.js';
import type { IdempotencyKeyEntity } from '../entities/idempotency-key.entity.js';
import { IdempotencyKeysRepository } from './idempotency-keys.repository.js';

export type IdempotencyBegin =
  | { readonly kind: 'started'; readonly id: number }
  | { readonly kind: 'replay'; readonly status: number; readonly body: unknown };

/** An in-flight key older than this belongs to a request that died (crash, restart). */
const IN_FLIGHT_LEASE_MS = 120_000;

/**
 * Keys are scoped per partner and kept IDEMPOTENCY_TTL_HOURS (≥ 24 h). A key is `in_flight`
 * while its first request runs, then `done` with the response to replay.
 */
@Injectable()
export class IdempotencyStore {
  constructor(
    private readonly keys: IdempotencyKeysRepository,
    private readonly transactions: Transactions,
    private readonly config: AppConfig,
  ) {}

  async begin(
    partnerId: number,
    key: string,
    requestHash: string,
    /** Finds what an interrupted first request left behind (e.g. the order it created). */
    recover: () => Promise<{ status: number; body: unknown } | null>,
  ): Promise<IdempotencyBegin> {
    try {
      return await this.tryBegin(partnerId, key, requestHash, recover);
    } catch (error) {
      // Two first requests raced on PostgreSQL: the unique index let one in; the other sees it now.
      if (isUniqueViolation(error)) return this.tryBegin(partnerId, key, requestHash, recover);
      throw error;
    }
  }

  private tryBegin(
    partnerId: number,
    key: string,
    requestHash: string,
    recover: () => Promise<{ status: number; body: unknown } | null>,
  ): Promise<IdempotencyBegin> {
    return this.transactions.run(async (m) => {
      const now = new Date();
      const existing = await this.keys.lock(m, partnerId, key);
      if (existing && existing.expiresAt > now) {
        if (existing.requestHash !== requestHash) {
          throw new DomainError(
            'idempotency_key_reused',
            'This Idempotency-Key was used with a different request; use a new key for a new request.',
          );
        }
        if (existing.state === 'done') {
          return {
            kind: 'replay',
            status: existing.responseStatus ?? 200,
            body: existing.responseBody,
          };
        }
        if (now.getTime() - existing.createdAt.getTime() < IN_FLIGHT_LEASE_MS) {
          throw new DomainError(
            'idempotency_in_flight',
            'A request with this Idempotency-Key is still being processed; retry shortly.',
            {},
            { 'retry-after': '1' },
          );
        }
        // The first request died mid-way: replay what it created, or let this one start over.
        const recovered = await recover();
        if (recovered) {
          await this.keys.update(m, existing.id, {
            state: 'done',
            responseStatus: recovered.status,
            responseBody: recovered.body as object,
          });
          return { kind: 'replay', ...recovered };
        }
        await this.keys.update(m, existing.id, { createdAt: now, state: 'in_flight' });
        return { kind: 'started', id: existing.id };
      }
      if (existing) await this.keys.delete(m, existing.id);
      const row = await this.keys.insert(m, {
        partnerId,
        key,
        requestHash,
        state: 'in_flight',
        responseStatus: null,
        responseBody: null,
        expiresAt: new Date(now.getTime() + this.config.orders.idempotencyTtlHours * 3_600_000),
      });
      return { kind: 'started', id: row.id };
    });
  }

  /** Stores the response to replay. */
  complete(id: number, status: number, body: unknown): Promise<void> {
    return this.transactions.run((m) =>
      this.keys.update(m, id, {
        state: 'done',
        responseStatus: status,
        responseBody: body as object,
      }),
    );
  }

  /** The request changed nothing (e.g. refused by validation): the key may be used again. */
  release(id: number): Promise<void> {
    return this.transactions.run((m) => this.keys.delete(m, id));
  }

  /** Drops expired keys; returns how many. */
  async purgeExpired(now = new Date()): Promise<number> {
    return this.transactions.run((m) => this.keys.deleteExpired(m, now));
  }

  /** For tests and admins: the key's row. */
  find(partnerId: number, key: string): Promise<IdempotencyKeyEntity | null> {
    return this.keys.find(partnerId, key);
  }
}
