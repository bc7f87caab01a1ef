import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { ProviderAlerts } from './provider-alerts.js';
import type { HealthTransition } from './health-transition.js';

export type { HealthTransition } from './health-transition.js';
import { ProvidersRepository } from './providers.repository.js';
import { AuditService } from '../audit/audit.service.js';
import { notFound } from '../common/errors/domain-error.js';
import { PeriodicJob } from '../common/jobs/periodic-job.js';
import { AppConfig } from '../config/app-config.js';
import { Transactions } from '../database/transactions.js';
import { CatalogRevision } from './catalog-revision.js';
import { ProviderAdapters } from './provider-adapters.js';
import { ProviderEntity } from './provider.entity.js';
import { describeOutcome } from './upstream-problems.js';
import { UpstreamObserver } from './upstream-observer.js';

/** How often each process looks for ejected providers due for a probe. */
export const PROBE_INTERVAL_MS = 1_000;
/** A probe claims its provider for this long, so processes do not probe it together. */
const PROBE_LEASE_MS = 30_000;
/** Ejections count as "recent" (doubling the next one) within this long after the last one began. */
const RECENT_MS = 3_600_000;
/** An admin's ejection without an end: until restored by hand. */
const INDEFINITELY = new Date('9999-12-31T00:00:00Z');

export const HEALTH_ACTOR = 'health-check';

/**
 * Upstream health, automatically (outlier ejection in the manner of Envoy's): the detector in
 * UpstreamObserver reports a provider whose calls keep failing; it is ejected for
 * UPSTREAM_EJECT_BASE_SECONDS × 2^(recent ejections), capped at UPSTREAM_EJECT_MAX_SECONDS. Routing
 * skips it (save as the last resort) from then until a `balance` probe succeeds after that time;
 * a failed probe ejects it again for the next, longer period. Admins eject and restore by hand.
 * State lives in the provider row, so every process routes alike.
 */
@Injectable()
export class ProviderEjections implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ProviderEjections.name);
  private readonly job: PeriodicJob;
  private readonly pending = new Set<number>();

  constructor(
    private readonly config: AppConfig,
    private readonly providers: ProvidersRepository,
    private readonly transactions: Transactions,
    private readonly revision: CatalogRevision,
    private readonly audit: AuditService,
    private readonly adapters: ProviderAdapters,
    private readonly observer: UpstreamObserver,
    private readonly alerts: ProviderAlerts,
  ) {
    this.job = new PeriodicJob(
      'provider-probes',
      PROBE_INTERVAL_MS,
      () => this.probeDue(),
      this.logger,
    );
  }

  onApplicationBootstrap(): void {
    this.observer.onOutlier = (providerId, reason) => this.autoEject(providerId, reason);
    if (this.config.jobsEnabled) this.job.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.job.stop();
  }

  /** The detector's verdict: ejects the provider unless it is already out or disabled. */
  async autoEject(providerId: number, reason: string): Promise<void> {
    if (this.pending.has(providerId)) return;
    this.pending.add(providerId);
    try {
      const provider = await this.providers.find(providerId);
      if (!provider || !provider.enabled || provider.ejectedUntil !== null) {
        this.observer.reset(providerId);
        return;
      }
      await this.recordHealthTransition(
        provider,
        this.nextEjection(provider, reason),
        HEALTH_ACTOR,
      );
    } catch (error) {
      this.logger.error({ err: error, providerId }, 'Could not eject provider');
    } finally {
      this.pending.delete(providerId);
    }
  }

  /** An admin takes a provider out of rotation, for `seconds` or until restored. */
  async eject(
    providerId: number,
    options: { seconds?: number; reason?: string },
    actor: string,
  ): Promise<ProviderEntity> {
    const provider = await this.get(providerId);
    const until =
      options.seconds === undefined ? INDEFINITELY : new Date(Date.now() + options.seconds * 1000);
    await this.recordHealthTransition(
      provider,
      { state: 'ejected', until, reason: options.reason ?? 'ejected by an admin', manual: true },
      actor,
    );
    return this.get(providerId);
  }

  /** An admin puts a provider back into rotation now (no probe). */
  async restore(providerId: number, actor: string): Promise<ProviderEntity> {
    const provider = await this.get(providerId);
    if (provider.ejectedUntil !== null) {
      await this.recordHealthTransition(
        provider,
        { state: 'recovered', reason: 'restored by an admin' },
        actor,
      );
    }
    return this.get(providerId);
  }

  /**
   * Probes, with `balance`, every automatically ejected provider whose ejection time is over:
   * success brings it back, failure ejects it again for longer. Runs every PROBE_INTERVAL_MS
   * when jobs are on.
   */
  async probeDue(now = new Date()): Promise<void> {
    const ejected = await this.providers.autoEjected();
    for (const provider of ejected) {
      if (provider.ejectedUntil! > now) continue;
      // Claim it: only the process whose update matched the old value probes.
      const lease = new Date(now.getTime() + PROBE_LEASE_MS);
      if (!(await this.providers.claimEjection(provider.id, provider.ejectedUntil!, lease))) {
        continue;
      }
      const outcome = await this.adapters.forEntity(provider).balance();
      if (outcome.kind === 'success') {
        await this.recordHealthTransition(
          provider,
          { state: 'recovered', reason: 'a balance probe succeeded' },
          HEALTH_ACTOR,
        );
      } else {
        const reason = `balance probe failed: ${describeOutcome(outcome)}`;
        await this.recordHealthTransition(
          provider,
          this.nextEjection(provider, reason),
          HEALTH_ACTOR,
        );
      }
    }
  }

  /**
   * THE one place a provider's health changes state (`ejected` or `recovered`), whoever decided
   * it (the detector, a probe, an admin): writes the row and the audit entry in one transaction,
   * makes routing in every process see it (catalog revision), logs it, and starts the detector
   * afresh. Anything that must follow a health change (events, notifications) belongs here.
   */
  async recordHealthTransition(
    provider: ProviderEntity,
    transition: HealthTransition,
    actor: string,
  ): Promise<void> {
    const now = new Date();
    const changes: Partial<ProviderEntity> =
      transition.state === 'ejected'
        ? {
            ejectedUntil: transition.until,
            ejectionReason: transition.reason.slice(0, 500),
            // A re-ejection after a failed probe continues the same ejection.
            ejectedAt:
              provider.ejectedUntil !== null && provider.ejectedAt ? provider.ejectedAt : now,
            ejectionManual: transition.manual,
          }
        : { ejectedUntil: null, ejectionReason: null, ejectionManual: false };
    if (transition.state === 'ejected' && !transition.manual) {
      changes.ejectionCount = this.recentCount(provider, now.getTime()) + 1;
    }
    await this.transactions.run(async (manager) => {
      await this.alerts.healthChanged(manager, provider, transition);
      await this.providers.update(manager, provider.id, changes);
      await this.audit.record(
        {
          actor,
          action: transition.state === 'ejected' ? 'provider.ejected' : 'provider.recovered',
          targetType: 'provider',
          targetId: provider.id,
          details:
            transition.state === 'ejected'
              ? {
                  until: transition.until.toISOString(),
                  reason: transition.reason,
                  manual: transition.manual,
                }
              : { reason: transition.reason },
        },
        manager,
      );
      await this.revision.bump(manager, 'providers');
    });
    this.revision.touched('providers');
    this.observer.reset(provider.id);
    if (transition.state === 'ejected') {
      this.logger.warn(
        { providerId: provider.id, until: transition.until, reason: transition.reason, actor },
        'Provider ejected',
      );
    } else {
      this.logger.log(
        { providerId: provider.id, reason: transition.reason, actor },
        'Provider recovered',
      );
    }
  }

  /** base × 2^(recent ejections), capped. */
  private nextEjection(provider: ProviderEntity, reason: string): HealthTransition {
    const { baseSeconds, maxSeconds } = this.config.ejection;
    const now = Date.now();
    const recent = this.recentCount(provider, now);
    const seconds = Math.min(maxSeconds, baseSeconds * 2 ** Math.min(recent, 30));
    return { state: 'ejected', until: new Date(now + seconds * 1000), reason, manual: false };
  }

  /** Ejections in a row: all of the current episode (failed probes), else those of the last hour. */
  private recentCount(provider: ProviderEntity, now: number): number {
    if (provider.ejectedUntil !== null) return provider.ejectionCount;
    const last = provider.ejectedAt?.getTime();
    return last !== undefined && now - last < RECENT_MS ? provider.ejectionCount : 0;
  }

  private async get(id: number): Promise<ProviderEntity> {
    const provider = await this.providers.find(id);
    if (!provider) throw notFound('Provider', id);
    return provider;
  }
}
