import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import { isPostgres } from '../database/column-types.js';
import { Transactions } from '../database/transactions.js';
import { PeriodicJob } from '../common/jobs/periodic-job.js';
import { CatalogSyncService } from './catalog-sync.service.js';
import { SqlDialect } from '../database/sql-dialect.js';

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
  private readonly sql: SqlDialect;

  constructor(
    private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: Transactions,
    private readonly sync: CatalogSyncService,
  ) {
    this.sql = new SqlDialect(isPostgres(dataSource));
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
    const p = (n: number) => this.sql.param(n);
    const rows: { id: number }[] = await this.dataSource.query(
      `SELECT id FROM providers WHERE enabled = ${p(1)}
          AND (last_sync_attempt_at IS NULL OR last_sync_attempt_at < ${p(2)}) ORDER BY id`,
      [this.sql.bool(true), this.sql.timestamp(due)],
    );
    const synced: number[] = [];
    for (const { id } of rows) {
      if (!(await this.claim(Number(id), due, now))) continue;
      await this.sync.sync(Number(id), { at: now }).then(
        () => synced.push(Number(id)),
        () => undefined, // recorded on the provider and logged by the sync
      );
    }
    return synced;
  }

  private async claim(id: number, due: Date, now: Date): Promise<boolean> {
    const p = (n: number) => this.sql.param(n);
    return this.transactions.run(async (manager) => {
      // The structured result carries the affected row count on both engines.
      const result = await manager.queryRunner!.query(
        `UPDATE providers SET last_sync_attempt_at = ${p(1)}
          WHERE id = ${p(2)} AND (last_sync_attempt_at IS NULL OR last_sync_attempt_at < ${p(3)})`,
        [this.sql.timestamp(now), id, this.sql.timestamp(due)],
        true,
      );
      return result.affected === 1;
    });
  }
}
