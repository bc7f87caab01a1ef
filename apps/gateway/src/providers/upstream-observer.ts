import { Injectable } from '@nestjs/common';
import type { SmmOutcome } from '#smm-protocol';
import { AppConfig } from '../config/app-config.js';
import { Metrics } from '../observability/metrics.js';
import {
  FAILURE_RATE_MIN_CALLS,
  FAILURE_RATE_WINDOW_MS,
  healthSignal,
  OutlierDetector,
} from './outlier-detector.js';

export type UpstreamAction =
  'services' | 'balance' | 'add' | 'status' | 'refill' | 'refill_status' | 'cancel';

/**
 * Sees every upstream call (through InstrumentedAdapter): counts it in the upstream metrics and
 * feeds the outlier detector, which tells ProviderEjections when a provider should go out.
 */
@Injectable()
export class UpstreamObserver {
  private readonly detector: OutlierDetector;
  /** Set by ProviderEjections (it depends on the adapters, which depend on this). */
  onOutlier: ((providerId: number, reason: string) => Promise<void>) | undefined;

  constructor(
    config: AppConfig,
    private readonly metrics: Metrics,
  ) {
    this.detector = new OutlierDetector({
      consecutiveFailures: config.ejection.afterFailures,
      windowMs: FAILURE_RATE_WINDOW_MS,
      minCallsForRate: FAILURE_RATE_MIN_CALLS,
      // 0 turns the rate rule off (a rate above 1 is never reached).
      failureRate:
        config.ejection.failureRatePercent === 0 ? 2 : config.ejection.failureRatePercent / 100,
    });
  }

  /**
   * Records one call. When it makes the provider an outlier, resolves once the ejection is
   * written (so the caller's next routing decision already skips it); otherwise returns nothing.
   */
  observe(
    providerId: number,
    action: UpstreamAction,
    outcome: SmmOutcome<unknown>,
    seconds: number,
  ): Promise<void> | undefined {
    const provider = String(providerId);
    this.metrics.upstreamRequests.inc({ provider, action, outcome: outcome.kind });
    this.metrics.upstreamDuration.observe({ provider, action }, seconds);
    const reason = this.detector.record(providerId, healthSignal(outcome));
    return reason === null ? undefined : this.onOutlier?.(providerId, reason);
  }

  /** Forgets a provider's history (it was just ejected or restored). */
  reset(providerId: number): void {
    this.detector.reset(providerId);
  }
}
