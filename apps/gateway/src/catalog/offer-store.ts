import type { EntityManager } from 'typeorm';
import { canonicalRate, type OfferDiff, type OfferFields, type StoredOffer } from './offer-diff.js';
import { chunks, SqlDialect } from '../database/sql-dialect.js';

/** Rows per multi-row statement: 16 columns × 500 stays far below both engines' parameter limits. */
const CHUNK = 500;

const INSERT_COLUMNS = [
  'provider_id',
  'upstream_service_id',
  'name',
  'type',
  'category',
  'rate',
  'min',
  'max',
  'refill',
  'cancel',
  'dripfeed',
  'description',
  'available',
  'first_seen_at',
  'updated_at',
] as const;

interface OfferRow {
  id: number;
  upstream_service_id: string;
  name: string;
  type: string;
  category: string | null;
  rate: string;
  min: string | number;
  max: string | number;
  refill: boolean | number;
  cancel: boolean | number;
  dripfeed: boolean | number;
  description: string | null;
  available: boolean | number;
}

/**
 * Bulk reads and writes of one provider's offers for the sync: one read, then multi-row
 * inserts and updates in chunks, inside the caller's transaction. A 5,000-service catalog is a
 * few dozen statements, not 5,000 round trips.
 */
export class OfferStore {
  private readonly sql: SqlDialect;

  constructor(
    private readonly manager: EntityManager,
    postgres: boolean,
  ) {
    this.sql = new SqlDialect(postgres);
  }

  async load(providerId: number): Promise<StoredOffer[]> {
    const rows: OfferRow[] = await this.manager.query(
      `SELECT id, upstream_service_id, name, type, category, rate, min, max, refill, cancel,
              dripfeed, description, available
         FROM provider_offers WHERE provider_id = ${this.sql.param(1)}`,
      [providerId],
    );
    return rows.map((r) => ({
      id: Number(r.id),
      upstreamServiceId: r.upstream_service_id,
      name: r.name,
      type: r.type,
      category: r.category,
      rate: canonicalRate(r.rate),
      min: Number(r.min),
      max: Number(r.max),
      refill: Boolean(r.refill),
      cancel: Boolean(r.cancel),
      dripfeed: Boolean(r.dripfeed),
      description: r.description,
      available: Boolean(r.available),
    }));
  }

  async apply(providerId: number, diff: OfferDiff, now: Date): Promise<void> {
    const at = this.sql.timestamp(now);
    for (const part of chunks(diff.inserted, CHUNK)) {
      const params: unknown[] = [];
      const rows = part.map((f) => {
        const row = this.sql.row(params.length, INSERT_COLUMNS.length);
        params.push(
          providerId,
          f.upstreamServiceId,
          ...this.values(f),
          this.sql.bool(true),
          at,
          at,
        );
        return row;
      });
      await this.manager.query(
        `INSERT INTO provider_offers (${INSERT_COLUMNS.join(', ')}) VALUES ${rows.join(', ')}`,
        params,
      );
    }
    await this.update(diff.changed, at);
    for (const part of chunks(diff.removed, CHUNK)) {
      const ids = part.map((_, i) => this.sql.param(i + 4)).join(', ');
      await this.manager.query(
        `UPDATE provider_offers SET available = ${this.sql.param(1)}, removed_at = ${this.sql.param(2)},
                updated_at = ${this.sql.param(3)} WHERE id IN (${ids})`,
        [this.sql.bool(false), at, at, ...part],
      );
    }
    const rateChanges = diff.changed.filter((c) => c.oldRate !== c.fields.rate);
    for (const part of chunks(rateChanges, CHUNK)) {
      const params: unknown[] = [];
      const rows = part.map((c) => {
        const row = this.sql.row(params.length, 4);
        params.push(c.id, c.oldRate, c.fields.rate, at);
        return row;
      });
      await this.manager.query(
        `INSERT INTO provider_offer_rate_changes (offer_id, old_rate, new_rate, changed_at)
         VALUES ${rows.join(', ')}`,
        params,
      );
    }
  }

  /** True when any of these offers is mapped to a service (only then does routing care). */
  async anyMapped(offerIds: readonly number[]): Promise<boolean> {
    for (const part of chunks(offerIds, CHUNK)) {
      const list = part.map((_, i) => this.sql.param(i + 1)).join(', ');
      const rows: unknown[] = await this.manager.query(
        `SELECT 1 FROM service_offers WHERE offer_id IN (${list}) LIMIT 1`,
        part,
      );
      if (rows.length > 0) return true;
    }
    return false;
  }

  /** Changed offers: one UPDATE … FROM a VALUES list per chunk (both engines support it). */
  private async update(changed: OfferDiff['changed'], at: Date | string): Promise<void> {
    const pg = this.sql.postgres;
    for (const part of chunks(changed, CHUNK)) {
      const params: unknown[] = [];
      const rows = part.map((c) => {
        const row = this.sql.row(params.length, 11);
        params.push(c.id, ...this.values(c.fields));
        return row;
      });
      const cast = (name: string, type: string) => (pg ? `v.${name}::${type}` : `v.${name}`);
      await this.manager.query(
        `WITH v (id, name, type, category, rate, min, max, refill, cancel, dripfeed, description)
           AS (VALUES ${rows.join(', ')})
         UPDATE provider_offers SET name = v.name, type = v.type, category = v.category,
                rate = ${cast('rate', 'numeric')}, min = ${cast('min', 'bigint')},
                max = ${cast('max', 'bigint')}, refill = ${cast('refill', 'boolean')},
                cancel = ${cast('cancel', 'boolean')}, dripfeed = ${cast('dripfeed', 'boolean')},
                description = v.description, available = ${this.sql.param(params.length + 1)},
                removed_at = NULL, updated_at = ${this.sql.param(params.length + 2)}
           FROM v WHERE provider_offers.id = ${cast('id', 'integer')}`,
        [...params, this.sql.bool(true), at],
      );
    }
  }

  private values(f: OfferFields): unknown[] {
    const b = (v: boolean) => this.sql.bool(v);
    return [
      f.name,
      f.type,
      f.category,
      f.rate,
      f.min,
      f.max,
      b(f.refill),
      b(f.cancel),
      b(f.dripfeed),
      f.description,
    ];
  }
}
