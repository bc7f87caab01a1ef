import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { MappedOfferRow, ProviderRow, RateRow, ServiceRow } from './catalog-snapshot.js';

/** The reads the routing snapshot is built from: everything routing knows, in four queries. */
@Injectable()
export class CatalogSnapshotRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  providers(): Promise<ProviderRow[]> {
    return this.dataSource.query<ProviderRow[]>(
      'SELECT id, name, enabled, ejected_until, priority, currency, balance FROM providers',
    );
  }

  services(): Promise<ServiceRow[]> {
    return this.dataSource.query<ServiceRow[]>(
      'SELECT id, name, category, type, description, refill, cancel, dripfeed, active FROM services',
    );
  }

  mappedOffers(): Promise<MappedOfferRow[]> {
    return this.dataSource.query<MappedOfferRow[]>(
      `SELECT so.service_id, o.id AS offer_id, o.provider_id, o.upstream_service_id, o.type,
              o.rate, o.min, o.max, o.refill, o.cancel, o.dripfeed, o.available
         FROM service_offers so JOIN provider_offers o ON o.id = so.offer_id`,
    );
  }

  rates(): Promise<RateRow[]> {
    return this.dataSource.query<RateRow[]>('SELECT code, rate FROM currency_rates');
  }
}
