import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { isPostgres } from '../database/column-types.js';
import type { MappedOfferDto } from './dto/service.dto.js';
import { canonicalRate } from './offer-diff.js';
import { chunks, SqlDialect } from '../database/sql-dialect.js';

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

/** Reads of the mapping joined with offers and providers, for admin views. */
@Injectable()
export class CatalogReader {
  private readonly sql: SqlDialect;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.sql = new SqlDialect(isPostgres(dataSource));
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
      for (const part of chunks(serviceIds, 500)) {
        const list = part.map((_, i) => this.sql.param(i + 1)).join(', ');
        rows.push(
          ...((await this.dataSource.query(`${select} WHERE so.service_id IN (${list})`, [
            ...part,
          ])) as MappedRow[]),
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
}
