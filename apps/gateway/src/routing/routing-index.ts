import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import { CatalogRevision } from '../providers/catalog-revision.js';
import {
  CatalogSnapshot,
  type MappedOfferRow,
  type ProviderRow,
  type RateRow,
  type ServiceRow,
} from './catalog-snapshot.js';

/** How stale another process's change may be before this one notices (one cheap read). */
const SHARED_CHECK_MS = 2_000;

/**
 * Keeps the catalog snapshot routing reads from: rebuilt after any change made by this process
 * (CatalogRevision.touched), and after a change by another process (the shared revision, read
 * at most every 2 s). Ranking itself never waits on the database.
 */
@Injectable()
export class RoutingIndex {
  private readonly logger = new Logger(RoutingIndex.name);
  private snapshot: CatalogSnapshot | undefined;
  private builtFrom = { shared: -1, local: -1 };
  private checkedAt = 0;
  private building: Promise<CatalogSnapshot> | undefined;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly revision: CatalogRevision,
    private readonly config: AppConfig,
  ) {}

  async current(now = Date.now()): Promise<CatalogSnapshot> {
    if (this.snapshot && this.builtFrom.local === this.revision.localRevision) {
      if (now - this.checkedAt < SHARED_CHECK_MS) return this.snapshot;
      const shared = await this.revision.current();
      this.checkedAt = now;
      if (
        shared === this.builtFrom.shared &&
        this.builtFrom.local === this.revision.localRevision
      ) {
        return this.snapshot;
      }
    }
    return (this.building ??= this.rebuild().finally(() => (this.building = undefined)));
  }

  private async rebuild(): Promise<CatalogSnapshot> {
    const started = Date.now();
    // Read the counters first: a change landing during the reads triggers another rebuild.
    const local = this.revision.localRevision;
    const shared = await this.revision.current();
    const [providers, services, offers, rates] = await Promise.all([
      this.dataSource.query<ProviderRow[]>(
        'SELECT id, name, enabled, ejected_until, priority, currency, balance FROM providers',
      ),
      this.dataSource.query<ServiceRow[]>(
        'SELECT id, name, category, type, description, refill, cancel, dripfeed, active FROM services',
      ),
      this.dataSource.query<MappedOfferRow[]>(
        `SELECT so.service_id, o.id AS offer_id, o.provider_id, o.upstream_service_id, o.type,
                o.rate, o.min, o.max, o.refill, o.cancel, o.dripfeed, o.available
           FROM service_offers so JOIN provider_offers o ON o.id = so.offer_id`,
      ),
      this.dataSource.query<RateRow[]>('SELECT code, rate FROM currency_rates'),
    ]);
    const snapshot = CatalogSnapshot.build(
      this.config.catalog.baseCurrency,
      providers,
      services,
      offers,
      rates,
    );
    this.snapshot = snapshot;
    this.builtFrom = { shared, local };
    this.checkedAt = Date.now();
    this.logger.debug(
      { services: services.length, offers: offers.length, ms: Date.now() - started },
      'Routing snapshot rebuilt',
    );
    return snapshot;
  }
}
