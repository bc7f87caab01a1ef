import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Outcome of one order's placement, as smmgw_orders_placed_total counts it. */
export type PlacementOutcome = 'placed' | 'failed_over' | 'rejected' | 'ambiguous' | 'unavailable';

const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const UPSTREAM_BUCKETS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const SYNC_BUCKETS = [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120];

/**
 * Every metric the gateway exposes at GET /metrics (names are a contract: see the README's
 * "Operating it"). One registry per app instance, so several apps in one process (tests) do not
 * collide. Labels are bounded: provider ids, actions, outcomes, route templates; never a partner
 * id, a link or a raw path.
 */
@Injectable()
export class Metrics {
  readonly registry = new Registry();

  readonly httpRequests = new Counter({
    name: 'smmgw_http_requests_total',
    help: 'HTTP requests served, by method, route template and status code.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });
  readonly httpDuration = new Histogram({
    name: 'smmgw_http_request_duration_seconds',
    help: 'Time to serve an HTTP request, by method and route template.',
    labelNames: ['method', 'route'] as const,
    buckets: HTTP_BUCKETS,
    registers: [this.registry],
  });
  readonly upstreamRequests = new Counter({
    name: 'smmgw_upstream_requests_total',
    help: 'Calls to upstream panels, by provider id, action and outcome (success, rejected, failed, ambiguous).',
    labelNames: ['provider', 'action', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly upstreamDuration = new Histogram({
    name: 'smmgw_upstream_request_duration_seconds',
    help: 'Duration of calls to upstream panels, by provider id and action.',
    labelNames: ['provider', 'action'] as const,
    buckets: UPSTREAM_BUCKETS,
    registers: [this.registry],
  });
  readonly ordersPlaced = new Counter({
    name: 'smmgw_orders_placed_total',
    help: 'Order placements by outcome (placed, failed_over, rejected, ambiguous, unavailable).',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
  readonly walletMovements = new Counter({
    name: 'smmgw_wallet_movements_total',
    help: 'Ledger movements applied, by kind (credit, charge, refund, adjustment).',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });
  readonly catalogSyncDuration = new Histogram({
    name: 'smmgw_catalog_sync_duration_seconds',
    help: 'Duration of catalog syncs, by provider id.',
    labelNames: ['provider'] as const,
    buckets: SYNC_BUCKETS,
    registers: [this.registry],
  });
  readonly chargeMismatches = new Counter({
    name: 'smmgw_upstream_charge_mismatches_total',
    help: 'Orders whose upstream-reported charge left the tolerance around the price list, by provider',
    labelNames: ['provider'] as const,
    registers: [this.registry],
  });
  readonly rateLimited = new Counter({
    name: 'smmgw_rate_limited_total',
    help: 'Requests refused with 429, by scope (token: over its requests per minute; address: too many failed authentications).',
    labelNames: ['scope'] as const,
    registers: [this.registry],
  });

  readonly webhookDeliveries = new Counter({
    name: 'smmgw_webhook_deliveries_total',
    help: 'Webhook delivery attempts, by result (delivered; retry: failed, tried again later; failed: given up).',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });

  // Scrape-time gauges: ScrapeGauges sets them from the database before each scrape.
  readonly orders = new Gauge({
    name: 'smmgw_orders',
    help: 'Open orders by status.',
    labelNames: ['status'] as const,
    registers: [this.registry],
  });
  readonly reconciliationBacklog = new Gauge({
    name: 'smmgw_reconciliation_backlog',
    help: 'Orders whose upstream outcome is not known yet (needs_reconciliation).',
    registers: [this.registry],
  });
  readonly sweepLag = new Gauge({
    name: 'smmgw_status_sweep_lag_seconds',
    help: 'How far behind the status sweep is: age of the most overdue status poll (0 when none is overdue).',
    registers: [this.registry],
  });
  readonly providerUp = new Gauge({
    name: 'smmgw_provider_up',
    help: '1 when the provider is in rotation, 0 while it is ejected or disabled.',
    labelNames: ['provider'] as const,
    registers: [this.registry],
  });
  readonly providerBalance = new Gauge({
    name: 'smmgw_provider_balance',
    help: 'Last known upstream balance, in the provider account currency.',
    labelNames: ['provider', 'currency'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    // Gauges named *_total, which promtool (rightly) flags; nodejs_active_handles{type} and
    // nodejs_active_requests{type} carry the same counts.
    for (const name of [
      'nodejs_active_handles_total',
      'nodejs_active_requests_total',
      'nodejs_active_resources_total',
    ]) {
      this.registry.removeSingleMetric(name);
    }
    // Counters with a small known label set start at 0, so rate() works from the first scrape.
    for (const outcome of ['placed', 'failed_over', 'rejected', 'ambiguous', 'unavailable']) {
      this.ordersPlaced.inc({ outcome }, 0);
    }
    for (const kind of ['credit', 'charge', 'refund', 'adjustment']) {
      this.walletMovements.inc({ kind }, 0);
    }
    for (const scope of ['token', 'address']) this.rateLimited.inc({ scope }, 0);
    this.reconciliationBacklog.set(0);
    this.sweepLag.set(0);
  }

  placement(outcome: PlacementOutcome): void {
    this.ordersPlaced.inc({ outcome });
  }
}
