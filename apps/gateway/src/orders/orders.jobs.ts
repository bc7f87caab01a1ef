import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { IdempotencyStore } from './idempotency/idempotency.store.js';
import { ReconciliationService } from './reconciliation/reconciliation.service.js';
import { RefillsService } from './refills/refills.service.js';
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
  private timers: NodeJS.Timeout[] = [];
  private running = new Set<string>();

  constructor(
    private readonly config: AppConfig,
    private readonly sync: OrderSyncService,
    private readonly refills: RefillsService,
    private readonly reconciliation: ReconciliationService,
    private readonly idempotency: IdempotencyStore,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.jobsEnabled) return;
    this.every(
      'recovery',
      HOUSEKEEPING_EVERY_MS,
      () => this.reconciliation.recoverInterrupted(),
      true,
    );
    this.every('sweep', this.config.orders.syncIntervalSeconds * 1000, async () => {
      await this.sync.sweep();
      await this.refills.sweep();
    });
    this.every('idempotency-purge', HOUSEKEEPING_EVERY_MS, () => this.idempotency.purgeExpired());
  }

  onApplicationShutdown(): void {
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
  }

  private every(name: string, ms: number, work: () => Promise<unknown>, now = false): void {
    const run = async () => {
      if (this.running.has(name)) return;
      this.running.add(name);
      try {
        await work();
      } catch (error) {
        this.logger.error({ err: error, job: name }, 'Orders job failed');
      } finally {
        this.running.delete(name);
      }
    };
    if (now) void run();
    const timer = setInterval(() => void run(), ms);
    timer.unref();
    this.timers.push(timer);
  }
}
