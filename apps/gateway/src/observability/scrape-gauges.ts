import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Metrics } from './metrics.js';

/** Gauges that need a query are refreshed at most this often, however often Prometheus scrapes. */
export const SCRAPE_CACHE_MS = 5_000;
const OPEN_STATUSES = ['placing', 'pending', 'in_progress', 'needs_reconciliation'];

interface ProviderRow {
  id: number;
  enabled: boolean | number;
  ejected_until: Date | string | null;
  balance: string | null;
  currency: string;
}

/**
 * Sets the database-backed gauges (open orders, reconciliation backlog, sweep lag, provider
 * state and balance) before a scrape: three small queries, at most once per SCRAPE_CACHE_MS.
 */
@Injectable()
export class ScrapeGauges {
  private refreshed: { at: number; work: Promise<void> } | undefined;

  constructor(
    private readonly metrics: Metrics,
    private readonly dataSource: DataSource,
  ) {}

  /** Recomputes the gauges unless that was done in the last SCRAPE_CACHE_MS (`force`: now). */
  refresh(options: { force?: boolean } = {}): Promise<void> {
    const now = Date.now();
    if (options.force || !this.refreshed || now - this.refreshed.at >= SCRAPE_CACHE_MS) {
      const work = this.query(now);
      this.refreshed = { at: now, work };
      // A failed refresh is retried at the next scrape, not cached.
      work.catch(() => {
        if (this.refreshed?.work === work) this.refreshed = undefined;
      });
    }
    return this.refreshed.work;
  }

  private async query(now: number): Promise<void> {
    const list = OPEN_STATUSES.map((s) => `'${s}'`).join(', ');
    const counts = (await this.dataSource.query(
      `SELECT status, COUNT(*) AS n FROM orders WHERE status IN (${list}) GROUP BY status`,
    )) as { status: string; n: string | number }[];
    const overdue = (await this.dataSource.query(
      `SELECT MIN(next_poll_at) AS due FROM orders WHERE status IN ('pending', 'in_progress') ` +
        `AND upstream_order_id IS NOT NULL AND next_poll_at IS NOT NULL`,
    )) as { due: Date | string | null }[];
    const providers = (await this.dataSource.query(
      'SELECT id, enabled, ejected_until, balance, currency FROM providers',
    )) as ProviderRow[];

    const byStatus = new Map(counts.map((c) => [c.status, Number(c.n)]));
    for (const status of OPEN_STATUSES)
      this.metrics.orders.set({ status }, byStatus.get(status) ?? 0);
    this.metrics.reconciliationBacklog.set(byStatus.get('needs_reconciliation') ?? 0);
    const due = overdue[0]?.due ? epoch(overdue[0].due) : null;
    this.metrics.sweepLag.set(due === null ? 0 : Math.max(0, (now - due) / 1000));

    this.metrics.providerUp.reset();
    this.metrics.providerBalance.reset();
    for (const p of providers) {
      const provider = String(p.id);
      // Ejected until a probe succeeds, even once `ejected_until` has passed (as routing sees it).
      const up = Boolean(p.enabled) && p.ejected_until === null;
      this.metrics.providerUp.set({ provider }, up ? 1 : 0);
      if (p.balance !== null) {
        // A gauge is a float by nature; the exact balance stays in the database and the API.
        this.metrics.providerBalance.set({ provider, currency: p.currency }, Number(p.balance));
      }
    }
  }
}

/** SQLite returns datetime text in UTC without a zone; PostgreSQL returns Dates. */
function epoch(value: Date | string): number {
  if (value instanceof Date) return value.getTime();
  return Date.parse(/Z|[+-]\d\d:?\d\d$/.test(value) ? value : `${value.replace(' ', 'T')}Z`);
}
