import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type DataSource } from 'typeorm';
import { chunks, SqlDialect } from '../database/sql-dialect.js';
import type { Tx } from '../database/transactions.js';
import type { MappedOfferDto } from './dto/service.dto.js';
import { OfferRateChangeEntity } from './offer-rate-change.entity.js';
import { ProviderOfferEntity } from './provider-offer.entity.js';
import { ServiceOfferEntity } from './service-offer.entity.js';
import { canonicalRate, type OfferDiff, type OfferFields, type StoredOffer } from './offer-diff.js';
import { offerKey, type OfferKeyRow, type OfferRef } from './offer-refs.js';
import type { CandidateOffer } from './suggestion-grouping.js';

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

interface CandidateRow {
  id: number;
  provider_id: number;
  upstream_service_id: string;
  name: string;
  type: string;
  category: string | null;
  rate: string;
  refill: boolean | number;
  cancel: boolean | number;
  dripfeed: boolean | number;
  currency: string;
}

interface MappedRow {
  service_id: number;
  offer_id: number;
  provider_id: number;
  upstream_service_id: string;
  name: string;
  type: string;
  rate: string;
  min: string | number;
  max: string | number;
  refill: boolean | number;
  cancel: boolean | number;
  dripfeed: boolean | number;
  available: boolean | number;
  currency: string;
}

/**
 * All SQL over the providers' offers and their mapping to our services. The sync's bulk reads and
 * writes of one provider's offers run in the caller's transaction: one read, then multi-row
 * inserts and updates in chunks, so a 5,000-service catalog is a few dozen statements, not 5,000
 * round trips.
 */
@Injectable()
export class OffersRepository {
  constructor(
    private readonly sql: SqlDialect,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async load(m: Tx, providerId: number): Promise<StoredOffer[]> {
    const rows: OfferRow[] = await m.query(
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

  async apply(m: Tx, providerId: number, diff: OfferDiff, now: Date): Promise<void> {
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
      await m.query(
        `INSERT INTO provider_offers (${INSERT_COLUMNS.join(', ')}) VALUES ${rows.join(', ')}`,
        params,
      );
    }
    await this.update(m, diff.changed, at);
    for (const part of chunks(diff.removed, CHUNK)) {
      const ids = part.map((_, i) => this.sql.param(i + 4)).join(', ');
      await m.query(
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
      await m.query(
        `INSERT INTO provider_offer_rate_changes (offer_id, old_rate, new_rate, changed_at)
         VALUES ${rows.join(', ')}`,
        params,
      );
    }
  }

  /** True when any of these offers is mapped to a service (only then does routing care). */
  async anyMapped(m: Tx, offerIds: readonly number[]): Promise<boolean> {
    for (const part of chunks(offerIds, CHUNK)) {
      const list = part.map((_, i) => this.sql.param(i + 1)).join(', ');
      const rows: unknown[] = await m.query(
        `SELECT 1 FROM service_offers WHERE offer_id IN (${list}) LIMIT 1`,
        part,
      );
      if (rows.length > 0) return true;
    }
    return false;
  }

  /** The mapped offers among these, with the services they serve. */
  async mappings(m: Tx, offerIds: readonly number[]): Promise<Map<number, number[]>> {
    const out = new Map<number, number[]>();
    for (const part of chunks(offerIds, CHUNK)) {
      const list = part.map((_, i) => this.sql.param(i + 1)).join(', ');
      const rows: { offer_id: unknown; service_id: unknown }[] = await m.query(
        `SELECT offer_id, service_id FROM service_offers WHERE offer_id IN (${list})`,
        part,
      );
      for (const r of rows) {
        const id = Number(r.offer_id);
        out.set(id, [...(out.get(id) ?? []), Number(r.service_id)]);
      }
    }
    return out;
  }

  /** Changed offers: one UPDATE … FROM a VALUES list per chunk (both engines support it). */
  private async update(m: Tx, changed: OfferDiff['changed'], at: Date | string): Promise<void> {
    const pg = this.sql.postgres;
    for (const part of chunks(changed, CHUNK)) {
      const params: unknown[] = [];
      const rows = part.map((c) => {
        const row = this.sql.row(params.length, 11);
        params.push(c.id, ...this.values(c.fields));
        return row;
      });
      const cast = (name: string, type: string) => (pg ? `v.${name}::${type}` : `v.${name}`);
      await m.query(
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

  /** The stored offers a list of references names: one query per provider and 500 ids. */
  async lookup(m: Tx, refs: readonly OfferRef[]): Promise<Map<string, OfferKeyRow>> {
    const byProvider = new Map<number, Set<string>>();
    for (const ref of refs) {
      const ids = byProvider.get(ref.providerId) ?? new Set<string>();
      ids.add(ref.upstreamServiceId);
      byProvider.set(ref.providerId, ids);
    }
    const found = new Map<string, OfferKeyRow>();
    for (const [providerId, ids] of byProvider) {
      for (const part of chunks([...ids], CHUNK)) {
        const p = this.sql.binder();
        const rows: Array<{ id: number; upstream_service_id: string; type: string }> =
          await m.query(
            `SELECT id, upstream_service_id, type FROM provider_offers
              WHERE provider_id = ${p.add(providerId)}
                AND upstream_service_id IN (${part.map((id) => p.add(id)).join(', ')})`,
            p.values,
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

  /** The offers mapped to each service (all services when `serviceIds` is absent). */
  async mappedOffers(serviceIds?: readonly number[]): Promise<Map<number, MappedOfferDto[]>> {
    const select = `SELECT so.service_id, o.id AS offer_id, o.provider_id, o.upstream_service_id,
        o.name, o.type, o.rate, o.min, o.max, o.refill, o.cancel, o.dripfeed, o.available, p.currency
      FROM service_offers so
      JOIN provider_offers o ON o.id = so.offer_id
      JOIN providers p ON p.id = o.provider_id`;
    const rows: MappedRow[] = [];
    if (serviceIds === undefined) {
      rows.push(...((await this.dataSource.query(select)) as MappedRow[]));
    } else {
      for (const part of chunks(serviceIds, CHUNK)) {
        const p = this.sql.binder();
        const list = part.map((id) => p.add(id)).join(', ');
        rows.push(
          ...((await this.dataSource.query(
            `${select} WHERE so.service_id IN (${list})`,
            p.values,
          )) as MappedRow[]),
        );
      }
    }
    const out = new Map<number, MappedOfferDto[]>();
    for (const r of rows) {
      const list = out.get(Number(r.service_id)) ?? [];
      list.push({
        offerId: Number(r.offer_id),
        providerId: Number(r.provider_id),
        upstreamServiceId: r.upstream_service_id,
        name: r.name,
        type: r.type,
        rate: canonicalRate(r.rate),
        currency: r.currency,
        min: Number(r.min),
        max: Number(r.max),
        refill: Boolean(r.refill),
        cancel: Boolean(r.cancel),
        dripfeed: Boolean(r.dripfeed),
        available: Boolean(r.available),
      });
      out.set(Number(r.service_id), list);
    }
    for (const list of out.values()) {
      list.sort((a, b) => a.providerId - b.providerId || a.offerId - b.offerId);
    }
    return out;
  }

  /** Available offers of enabled providers that no service uses (suggestion candidates). */
  async unmapped(): Promise<CandidateOffer[]> {
    const p = this.sql.binder();
    const rows: CandidateRow[] = await this.dataSource.query(
      `SELECT o.id, o.provider_id, o.upstream_service_id, o.name, o.type, o.category, o.rate,
              o.refill, o.cancel, o.dripfeed, p.currency
         FROM provider_offers o JOIN providers p ON p.id = o.provider_id
        WHERE o.available = ${p.add(this.sql.bool(true))} AND p.enabled = ${p.add(this.sql.bool(true))}
          AND NOT EXISTS (SELECT 1 FROM service_offers so WHERE so.offer_id = o.id)`,
      p.values,
    );
    return rows.map((r) => ({
      offerId: Number(r.id),
      providerId: Number(r.provider_id),
      upstreamServiceId: r.upstream_service_id,
      name: r.name,
      type: r.type,
      category: r.category,
      rate: canonicalRate(r.rate),
      currency: r.currency,
      refill: Boolean(r.refill),
      cancel: Boolean(r.cancel),
      dripfeed: Boolean(r.dripfeed),
    }));
  }

  /** A provider's offers by id (only available or unavailable ones when `available` is set). */
  ofProvider(providerId: number, available?: boolean): Promise<ProviderOfferEntity[]> {
    return this.dataSource.getRepository(ProviderOfferEntity).find({
      where: { providerId, ...(available === undefined ? {} : { available }) },
      order: { id: 'ASC' },
    });
  }

  find(providerId: number, upstreamServiceId: string): Promise<ProviderOfferEntity | null> {
    return this.dataSource
      .getRepository(ProviderOfferEntity)
      .findOneBy({ providerId, upstreamServiceId });
  }

  /** The service mappings of these offers. */
  links(offerIds: number[]): Promise<ServiceOfferEntity[]> {
    if (offerIds.length === 0) return Promise.resolve([]);
    return this.dataSource.getRepository(ServiceOfferEntity).findBy({ offerId: In(offerIds) });
  }

  /** An offer's earlier rates, oldest first. */
  rateChanges(offerId: number): Promise<OfferRateChangeEntity[]> {
    return this.dataSource
      .getRepository(OfferRateChangeEntity)
      .find({ where: { offerId }, order: { id: 'ASC' } });
  }

  /**
   * Sets an offer's min and/or max to what its upstream now enforces (never widening the other
   * bound past it); answers whether the offer changed.
   */
  async correctLimits(
    m: Tx,
    offer: { providerId: number; upstreamServiceId: string },
    limits: { min?: number; max?: number },
  ): Promise<boolean> {
    const offers = m.getRepository(ProviderOfferEntity);
    const row = await offers.findOneBy({
      providerId: offer.providerId,
      upstreamServiceId: offer.upstreamServiceId,
    });
    if (!row) return false;
    const min = limits.min ?? row.min;
    const max = Math.max(limits.max ?? row.max, min);
    if (min === row.min && max === row.max) return false;
    await offers.update({ id: row.id }, { min, max });
    return true;
  }
}
