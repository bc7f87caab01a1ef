import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { PeriodicJob } from '../common/jobs/periodic-job.js';
import { AppConfig } from '../config/app-config.js';
import { IdempotencyStore } from './idempotency/idempotency.store.js';
import { ReconciliationService } from './reconciliation/reconciliation.service.js';
import { RefillsService } from './follow-ups/refills.service.js';
import { OrderSyncService } from './sync/order-sync.service.js';

const HOUSEKEEPING_EVERY_MS = 60_000;

/**
 * The background work of orders: status and refill sweeps every few seconds; recovery of
 * interrupted placements at start and every minute; expired idempotency keys dropped. Runs only
 * when JOBS_ENABLED; one run at a time per process (leases share the work across processes).
 */
@Injectable()
export class OrdersJobs implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('OrdersJobs');
  private readonly jobs: { job: PeriodicJob; runNow: boolean }[];

  constructor(
    private readonly config: AppConfig,
    sync: OrderSyncService,
    refills: RefillsService,
    reconciliation: ReconciliationService,
    idempotency: IdempotencyStore,
  ) {
    const job = (name: string, ms: number, work: () => Promise<unknown>) =>
      new PeriodicJob(name, ms, work, this.logger);
    this.jobs = [
      {
        job: job('recovery', HOUSEKEEPING_EVERY_MS, () => reconciliation.recoverInterrupted()),
        runNow: true,
      },
      {
        job: job('sweep', config.orders.syncIntervalSeconds * 1000, async () => {
          await sync.sweep();
          await refills.sweep();
        }),
        runNow: false,
      },
      {
        job: job('idempotency-purge', HOUSEKEEPING_EVERY_MS, () => idempotency.purgeExpired()),
        runNow: false,
      },
    ];
  }

  onApplicationBootstrap(): void {
    if (!this.config.jobsEnabled) return;
    for (const { job, runNow } of this.jobs) job.start({ runNow });
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.jobs.map(({ job }) => job.stop()));
  }
}
