import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/** What readiness asks the database: is it reachable, are all migrations applied. */
@Injectable()
export class HealthRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Resolves when the database answers a trivial query; rejects when it cannot. */
  async ping(): Promise<void> {
    if (!this.dataSource.isInitialized) throw new Error('data source closed');
    await this.dataSource.query('SELECT 1');
  }

  /** True when a migration is still pending. */
  pendingMigrations(): Promise<boolean> {
    return this.dataSource.showMigrations();
  }
}
