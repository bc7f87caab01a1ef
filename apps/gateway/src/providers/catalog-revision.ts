import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/transactions.js';
import { ProvidersRepository, REVISION_ROWS } from './providers.repository.js';

/**
 * What changed: `providers` (state of a provider: enabled, priority, balance, ejection,
 * currency) is cheap for routing to take in; `catalog` (offers, services, mapping, rates) means
 * rebuilding its offer index.
 */
export type RevisionScope = 'catalog' | 'providers';

const ROW: Record<RevisionScope, number> = REVISION_ROWS;

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

  constructor(private readonly providers: ProvidersRepository) {}

  /** Call inside the writing transaction. */
  bump(m: Tx, scope: RevisionScope = 'catalog'): Promise<void> {
    return this.providers.bumpRevision(m, ROW[scope]);
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
    const rows = await this.providers.revisions();
    const of = (id: number) => rows.get(id) ?? 0;
    return { catalog: of(ROW.catalog), providers: of(ROW.providers) };
  }
}
