import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { ProvidersRepository } from './providers.repository.js';
import { AppConfig } from '../config/app-config.js';
import { PeriodicJob } from '../common/jobs/periodic-job.js';
import { ProvidersService } from './providers.service.js';

/**
 * Refreshes each enabled provider's balance every BALANCE_REFRESH_INTERVAL_SECONDS, so routing's
 * balance check stays close to the truth. Several processes may each refresh: a duplicate
 * balance read is harmless.
 */
@Injectable()
export class ProviderBalanceJob implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ProviderBalanceJob.name);
  private readonly job: PeriodicJob;

  constructor(
    private readonly config: AppConfig,
    private readonly providers: ProvidersRepository,
    private readonly service: ProvidersService,
  ) {
    const intervalMs = config.catalog.balanceRefreshSeconds * 1000;
    this.job = new PeriodicJob('provider-balance', intervalMs, () => this.runOnce(), this.logger);
  }

  onApplicationBootstrap(): void {
    if (this.config.jobsEnabled) this.job.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.job.stop();
  }

  /** Refreshes every enabled provider whose balance is older than the interval. */
  async runOnce(now = new Date()): Promise<void> {
    const due = now.getTime() - this.config.catalog.balanceRefreshSeconds * 1000;
    for (const provider of await this.providers.enabled()) {
      if (provider.balanceCheckedAt && provider.balanceCheckedAt.getTime() > due) continue;
      await this.service.refreshBalance(provider.id).catch(() => undefined); // recorded and logged
    }
  }
}
