import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { PeriodicJob } from '../common/jobs/periodic-job.js';
import { AppConfig } from '../config/app-config.js';
import { ProvidersRepository } from '../providers/providers.repository.js';
import { CatalogSyncService } from './catalog-sync.service.js';

/** How often the job looks for providers due a sync (it syncs each every CATALOG_SYNC_INTERVAL_SECONDS). */
const TICK_MS = 30_000;

/**
 * Syncs every enabled provider's catalog once per interval. Each due provider is claimed with a
 * conditional update of its last attempt time, so with several gateway processes on one database
 * exactly one of them syncs it.
 */
@Injectable()
export class CatalogSyncJob implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(CatalogSyncJob.name);
  private readonly job: PeriodicJob;

  constructor(
    private readonly config: AppConfig,
    private readonly providers: ProvidersRepository,
    private readonly sync: CatalogSyncService,
  ) {
    const tick = Math.min(TICK_MS, config.catalog.syncIntervalSeconds * 1000);
    this.job = new PeriodicJob(
      'catalog-sync',
      tick,
      async () => void (await this.runOnce()),
      this.logger,
    );
  }

  onApplicationBootstrap(): void {
    if (this.config.jobsEnabled) this.job.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.job.stop();
  }

  /** Syncs every enabled provider not attempted within the interval; returns the ids synced. */
  async runOnce(now = new Date()): Promise<number[]> {
    const due = new Date(now.getTime() - this.config.catalog.syncIntervalSeconds * 1000);
    const synced: number[] = [];
    for (const id of await this.providers.dueForSync(due)) {
      if (!(await this.providers.claimSync(id, due, now))) continue;
      await this.sync.sync(id, { at: now }).then(
        () => synced.push(id),
        () => undefined, // recorded on the provider and logged by the sync
      );
    }
    return synced;
  }
}
