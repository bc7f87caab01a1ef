import { Injectable, Logger } from '@nestjs/common';
import { ProvidersRepository } from '../providers/providers.repository.js';
import type { InvalidServiceEntry } from '#smm-protocol';
import { Metrics } from '../observability/metrics.js';
import { AuditService } from '../audit/audit.service.js';
import { notFound } from '../common/errors/domain-error.js';
import { Transactions } from '../database/transactions.js';
import { CatalogRevision } from '../providers/catalog-revision.js';
import { ProviderAdapters } from '../providers/provider-adapters.js';
import { ProviderEntity } from '../providers/provider.entity.js';
import { CatalogAlerts } from './catalog-alerts.js';
import { describeOutcome, upstreamFailed } from '../providers/upstream-problems.js';
import { diffOffers, offerFields } from './offer-diff.js';
import { OffersRepository } from './offers.repository.js';

const MAX_INVALID_SHOWN = 20;

/** What one successful sync did. */
export interface SyncResult {
  readonly providerId: number;
  /** Services the upstream listed (and we could read). */
  readonly received: number;
  readonly new: number;
  /** Offers whose fields changed, or that came back after being removed. */
  readonly changed: number;
  /** Offers gone from the upstream catalog, now marked unavailable. */
  readonly removed: number;
  readonly unchanged: number;
  /** Entries the upstream sent that could not be read (kept out; their stored offers untouched). */
  readonly invalid: number;
  readonly invalidEntries: readonly InvalidServiceEntry[];
  readonly syncedAt: Date;
  readonly durationMs: number;
}

/**
 * Pulls one upstream's catalog and stores it: new offers inserted, changed ones updated (rate
 * changes also go to the history), missing ones marked unavailable. A failing upstream keeps its
 * last good catalog: nothing is touched except the provider's sync error.
 */
@Injectable()
export class CatalogSyncService {
  private readonly logger = new Logger(CatalogSyncService.name);

  constructor(
    private readonly providers: ProvidersRepository,
    private readonly offers: OffersRepository,
    private readonly adapters: ProviderAdapters,
    private readonly transactions: Transactions,
    private readonly revision: CatalogRevision,
    private readonly audit: AuditService,
    private readonly metrics: Metrics,
    private readonly alerts: CatalogAlerts,
  ) {}

  /**
   * Syncs now; throws upstream_failed (502) when the upstream did not deliver a catalog. `actor`
   * (on-demand syncs) is audited; `at` is the attempt time the scheduler claimed the sync with.
   */
  async sync(providerId: number, options: { actor?: string; at?: Date } = {}): Promise<SyncResult> {
    const started = performance.now();
    try {
      return await this.syncOnce(providerId, options);
    } finally {
      this.metrics.catalogSyncDuration.observe(
        { provider: String(providerId) },
        (performance.now() - started) / 1000,
      );
    }
  }

  private async syncOnce(
    providerId: number,
    options: { actor?: string; at?: Date },
  ): Promise<SyncResult> {
    const { actor } = options;
    const provider = await this.providers.find(providerId);
    if (!provider) throw notFound('Provider', providerId);
    const started = Date.now();
    const attemptedAt = options.at ?? new Date();
    const outcome = await this.adapters.forEntity(provider).services();
    if (outcome.kind !== 'success') {
      await this.fail(provider, attemptedAt, describeOutcome(outcome));
      throw upstreamFailed(providerId, 'sync', outcome);
    }
    const { services, invalid } = outcome.value;
    if (services.length === 0 && (provider.lastSyncCount ?? 0) > 0) {
      // A panel that suddenly lists nothing is far likelier broken than empty.
      const reason = 'the upstream listed no services; the last good catalog is kept';
      await this.fail(provider, attemptedAt, reason);
      throw upstreamFailed(providerId, 'sync', reason);
    }
    const upstream = services.map(offerFields);
    const keep = new Set(invalid.flatMap((entry) => (entry.id === null ? [] : [entry.id])));
    const { result: diff, routingChanged } = await this.transactions.run(async (manager) => {
      // One sync per provider at a time across processes.
      await this.providers.lockForSync(manager, providerId);
      const result = diffOffers(await this.offers.load(manager, providerId), upstream, keep);
      await this.offers.apply(manager, providerId, result, attemptedAt);
      await this.alerts.pricesChanged(manager, provider, result);
      await this.providers.update(manager, providerId, {
        lastSyncAttemptAt: attemptedAt,
        lastSyncedAt: attemptedAt,
        lastSyncCount: services.length,
        lastSyncError: null,
      });
      // New offers are unmapped: only changes to mapped offers make routing rebuild its index.
      const touched = [...result.changed.map((c) => c.id), ...result.removed];
      const routingChanged = touched.length > 0 && (await this.offers.anyMapped(manager, touched));
      if (routingChanged) await this.revision.bump(manager);
      if (actor) {
        await this.audit.record(
          {
            actor,
            action: 'provider.sync',
            targetType: 'provider',
            targetId: providerId,
            details: {
              new: result.inserted.length,
              changed: result.changed.length,
              removed: result.removed.length,
            },
          },
          manager,
        );
      }
      return { result, routingChanged };
    });
    if (routingChanged) this.revision.touched();
    const result: SyncResult = {
      providerId,
      received: services.length,
      new: diff.inserted.length,
      changed: diff.changed.length,
      removed: diff.removed.length,
      unchanged: diff.unchanged,
      invalid: invalid.length,
      invalidEntries: invalid.slice(0, MAX_INVALID_SHOWN),
      syncedAt: attemptedAt,
      durationMs: Date.now() - started,
    };
    const { invalidEntries: _shown, ...counts } = result;
    this.logger.log({ ...counts, provider: provider.name }, 'Catalog synced');
    return result;
  }

  private async fail(provider: ProviderEntity, at: Date, error: string): Promise<void> {
    await this.transactions.run(async (manager) => {
      await this.providers.update(manager, provider.id, {
        lastSyncAttemptAt: at,
        lastSyncError: error.slice(0, 500),
      });
      await this.alerts.syncFailed(manager, provider, error.slice(0, 500), at);
    });
    this.logger.warn(
      { providerId: provider.id, provider: provider.name, error },
      'Catalog sync failed',
    );
  }
}
