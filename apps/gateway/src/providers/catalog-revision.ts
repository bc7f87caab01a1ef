import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

/**
 * Counts changes to anything routing reads (providers, offers, services, mapping, currency
 * rates). Writers bump it in their transaction; each process keeps an in-memory routing snapshot
 * and rebuilds it when its local counter moved (a change made here) or, checked at most every
 * few seconds, the database counter did (a change made by another process).
 */
@Injectable()
export class CatalogRevision {
  private local = 0;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Call inside the writing transaction. */
  async bump(manager: EntityManager): Promise<void> {
    await manager.query('UPDATE catalog_revision SET revision = revision + 1 WHERE id = 1');
  }

  /** Call after the writing transaction committed, so this process sees the change at once. */
  touched(): void {
    this.local++;
  }

  /** Changes made by this process since it started. */
  get localRevision(): number {
    return this.local;
  }

  /** The shared counter. */
  async current(): Promise<number> {
    const rows: { revision: string | number }[] = await this.dataSource.query(
      'SELECT revision FROM catalog_revision WHERE id = 1',
    );
    return Number(rows[0]?.revision ?? 0);
  }
}
