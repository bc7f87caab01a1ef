import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { CatalogRevision, type Revisions } from '../providers/catalog-revision.js';
import { CatalogSnapshotRepository } from './catalog-snapshot.repository.js';
import { CatalogSnapshot } from './catalog-snapshot.js';

/** How stale another process's change may be before this one notices (one cheap read). */
const SHARED_CHECK_MS = 2_000;

interface Built {
  readonly snapshot: CatalogSnapshot;
  readonly shared: Revisions;
  readonly local: Revisions;
}

/**
 * Keeps the catalog snapshot routing reads from, in memory. It follows changes made by this
 * process at once (CatalogRevision.touched) and changes by other processes within 2 s (the
 * shared counters). A provider change (balance, enabled, priority, ejection) swaps provider
 * objects in milliseconds; an offer, mapping or rate change rebuilds the offer index (about
 * 0.6 s for 100,000 mapped offers). Ranking itself never waits on the database.
 */
@Injectable()
export class RoutingIndex {
  private readonly logger = new Logger(RoutingIndex.name);
  private built: Built | undefined;
  private checkedAt = 0;
  private refreshing: Promise<CatalogSnapshot> | undefined;

  constructor(
    private readonly rows: CatalogSnapshotRepository,
    private readonly revision: CatalogRevision,
    private readonly config: AppConfig,
  ) {}

  async current(now = Date.now()): Promise<CatalogSnapshot> {
    const built = this.built;
    if (built && same(built.local, this.revision.localRevisions)) {
      if (now - this.checkedAt < SHARED_CHECK_MS) return built.snapshot;
      const shared = await this.revision.current();
      this.checkedAt = now;
      if (same(shared, built.shared) && same(built.local, this.revision.localRevisions)) {
        return built.snapshot;
      }
    }
    return (this.refreshing ??= this.refresh().finally(() => (this.refreshing = undefined)));
  }

  private async refresh(): Promise<CatalogSnapshot> {
    const started = Date.now();
    // Read the counters first: a change landing during the reads triggers another refresh.
    const local = this.revision.localRevisions;
    const shared = await this.revision.current();
    const previous = this.built;
    const providersOnly =
      previous !== undefined &&
      previous.shared.catalog === shared.catalog &&
      previous.local.catalog === local.catalog;
    const snapshot = providersOnly
      ? previous.snapshot.withProviders(await this.rows.providers())
      : await this.rebuild();
    this.built = { snapshot, shared, local };
    this.checkedAt = Date.now();
    this.logger.debug(
      { providersOnly, services: snapshot.services.size, ms: Date.now() - started },
      'Routing snapshot refreshed',
    );
    return snapshot;
  }

  private async rebuild(): Promise<CatalogSnapshot> {
    const [providers, services, offers, rates] = await Promise.all([
      this.rows.providers(),
      this.rows.services(),
      this.rows.mappedOffers(),
      this.rows.rates(),
    ]);
    return CatalogSnapshot.build(
      this.config.catalog.baseCurrency,
      providers,
      services,
      offers,
      rates,
    );
  }
}

const same = (a: Revisions, b: Revisions): boolean =>
  a.catalog === b.catalog && a.providers === b.providers;
