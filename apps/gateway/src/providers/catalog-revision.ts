import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

/**
 * What changed: `providers` (state of a provider: enabled, priority, balance, ejection,
 * currency) is cheap for routing to take in; `catalog` (offers, services, mapping, rates) means
 * rebuilding its offer index.
 */
export type RevisionScope = 'catalog' | 'providers';

const ROW: Record<RevisionScope, number> = { catalog: 1, providers: 2 };

export interface Revisions {
  readonly catalog: number;
  readonly providers: number;
}

/**
 * Counts changes to anything routing reads. Writers bump it in their transaction; each process
 * keeps an in-memory routing snapshot and refreshes it when its local counter moved (a change
 * made here) or, checked at most every few seconds, the shared counter did (another process).
 */
@Injectable()
export class CatalogRevision {
  private readonly local = { catalog: 0, providers: 0 };

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Call inside the writing transaction. */
  async bump(manager: EntityManager, scope: RevisionScope = 'catalog'): Promise<void> {
    await manager.query(
      `UPDATE catalog_revision SET revision = revision + 1 WHERE id = ${ROW[scope]}`,
    );
  }

  /** Call after the writing transaction committed, so this process sees the change at once. */
  touched(scope: RevisionScope = 'catalog'): void {
    this.local[scope]++;
  }

  /** Changes made by this process since it started. */
  get localRevisions(): Revisions {
    return { ...this.local };
  }

  /** The shared counters. */
  async current(): Promise<Revisions> {
    const rows: { id: number | string; revision: string | number }[] = await this.dataSource.query(
      'SELECT id, revision FROM catalog_revision',
    );
    const of = (id: number) => Number(rows.find((r) => Number(r.id) === id)?.revision ?? 0);
    return { catalog: of(ROW.catalog), providers: of(ROW.providers) };
  }
}
