import { Injectable } from '@nestjs/common';
import { GaugesRepository, OPEN_STATUSES } from './gauges.repository.js';
import { Metrics } from './metrics.js';

/** Gauges that need a query are refreshed at most this often, however often Prometheus scrapes. */
export const SCRAPE_CACHE_MS = 5_000;

/**
 * Sets the database-backed gauges (open orders, reconciliation backlog, sweep lag, provider
 * state and balance) before a scrape: three small queries, at most once per SCRAPE_CACHE_MS.
 */
@Injectable()
export class ScrapeGauges {
  private refreshed: { at: number; work: Promise<void> } | undefined;

  constructor(
    private readonly metrics: Metrics,
    private readonly gauges: GaugesRepository,
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
    const byStatus = await this.gauges.openOrders();
    const earliest = await this.gauges.earliestPoll();
    const providers = await this.gauges.providers();
    for (const status of OPEN_STATUSES)
      this.metrics.orders.set({ status }, byStatus.get(status) ?? 0);
    this.metrics.reconciliationBacklog.set(byStatus.get('needs_reconciliation') ?? 0);
    const due = earliest ? epoch(earliest) : null;
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
