import { Inject, Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../../config/app-config.js';
import { Transactions } from '../../database/transactions.js';
import { DISABLE_AFTER_MS, retryAllowed, retryDelayMs } from '../backoff.js';
import { signMessage } from '../signing.js';
import { judgeTarget, WEBHOOK_RESOLVER, type HostResolver } from '../target-guard.js';
import { WebhookEndpointsRepository } from '../endpoints/webhook-endpoints.repository.js';
import type { WebhookEndpointEntity } from '../webhook-endpoint.entity.js';
import { WebhookOutbox } from '../webhook-outbox.js';
import { WebhookOutboxRepository, type ClaimedDelivery } from '../webhook-outbox.repository.js';
import { WebhookSecrets } from '../webhook-secrets.js';
import { WebhookSubscriptions } from '../webhook-subscriptions.js';
import { messageId } from '../webhook-types.js';
import { sendWebhook, type SendResult } from './webhook-sender.js';

/** Attempts in flight at once, over all endpoints. */
const MAX_IN_FLIGHT = 256;
/** A round waits until this many slots are free, so it claims a batch. */
const MIN_FREE_SLOTS = 32;
/** A lease outlives the longest attempt (10 s) with a wide margin. */
const LEASE_MS = 60_000;

export type AttemptOutcome = 'delivered' | 'retry' | 'failed';

/**
 * Sends leased deliveries: judges the target again (DNS rebinding), signs the event with the
 * endpoint's secrets, POSTs it, and writes the result under the lease: delivered, retried later
 * with exponential backoff and jitter while the event is under 3 days old, or failed. Tracks
 * each endpoint's failing streak and disables an endpoint failing for 5 days (the operator is
 * told with webhook.endpoint_disabled).
 */
@Injectable()
export class WebhookDispatcher {
  private readonly logger = new Logger('WebhookDelivery');
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly config: AppConfig,
    private readonly outboxRows: WebhookOutboxRepository,
    private readonly endpoints: WebhookEndpointsRepository,
    private readonly outbox: WebhookOutbox,
    private readonly subscriptions: WebhookSubscriptions,
    private readonly secrets: WebhookSecrets,
    private readonly transactions: Transactions,
    @Inject(WEBHOOK_RESOLVER) private readonly resolve: HostResolver,
  ) {}

  /**
   * Waits for free in-flight slots, leases up to `limit` due deliveries (no more than the free
   * slots) and starts them; answers how many it asked for and how many were due. Fewer leased
   * than asked means the queue is drained. Attempts finish in the background.
   */
  async round(
    limit: number,
    onResult: (result: AttemptOutcome) => void,
  ): Promise<{ asked: number; claimed: number }> {
    // Claim in batches, not one row per freed slot.
    while (this.inFlight.size > MAX_IN_FLIGHT - MIN_FREE_SLOTS) await Promise.race(this.inFlight);
    const now = new Date();
    const lease = new Date(now.getTime() + LEASE_MS + Math.floor(Math.random() * 1000));
    const asked = Math.min(limit, MAX_IN_FLIGHT - this.inFlight.size);
    const claimed = await this.outboxRows.claim(now, lease, asked);
    for (const item of claimed) {
      const attempt = this.attempt(item)
        .then(onResult)
        .catch((error: unknown) =>
          this.logger.error({ err: error, deliveryId: item.delivery.id }, 'Delivery failed'),
        )
        .finally(() => this.inFlight.delete(attempt));
      this.inFlight.add(attempt);
    }
    return { asked, claimed: claimed.length };
  }

  /** Resolves when every attempt started so far has finished (shutdown, tests). */
  async drain(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all(this.inFlight);
  }

  private async attempt({ delivery, event, endpoint }: ClaimedDelivery): Promise<AttemptOutcome> {
    const verdict = await judgeTarget(
      endpoint.url,
      this.resolve,
      this.config.webhooks.allowPrivate,
    );
    let result: SendResult;
    if (!verdict.ok) {
      result = { statusCode: null, durationMs: 0, error: `target refused: ${verdict.reason}` };
    } else {
      const body = JSON.stringify({
        type: event.type,
        timestamp: event.createdAt.toISOString(),
        data: { ...event.data, version: event.id },
      });
      const headers = signMessage(
        messageId(event.id),
        new Date(),
        body,
        this.secrets.signingSecrets(endpoint, new Date()),
      );
      result = await sendWebhook({
        url: verdict.url,
        address: verdict.address,
        headers: { ...headers },
        body,
      });
    }
    const now = new Date();
    const delivered = result.error === null;
    const next = delivered
      ? null
      : new Date(
          now.getTime() +
            retryDelayMs(delivery.attempts + 1, this.config.webhooks.retryBaseSeconds),
        );
    const nextAttemptAt = next && retryAllowed(event.createdAt, next) ? next : null;
    const written = await this.outboxRows.recordAttempt(
      delivery,
      result,
      { delivered, nextAttemptAt },
      now,
    );
    if (!written) return delivered ? 'delivered' : 'retry';
    await this.trackEndpoint(endpoint, delivered, now);
    return delivered ? 'delivered' : nextAttemptAt ? 'retry' : 'failed';
  }

  /** A success ends the endpoint's failing streak; a streak of 5 days disables it. */
  private async trackEndpoint(
    endpoint: WebhookEndpointEntity,
    delivered: boolean,
    now: Date,
  ): Promise<void> {
    const endpointId = endpoint.id;
    if (delivered) {
      // Written only when a streak was running when the attempt was claimed (no write per success).
      if (endpoint.failingSince !== null) await this.endpoints.endFailingStreak(endpointId);
      return;
    }
    const since = await this.endpoints.startFailingStreak(endpointId, now);
    if (!since || now.getTime() - since.getTime() < DISABLE_AFTER_MS) return;
    const disabled = await this.transactions.run(async (m) => {
      const endpoint = await this.endpoints.disable(m, endpointId, 'failing for 5 days', now);
      if (!endpoint) return null;
      await this.outbox.emit(m, [
        {
          audience: null,
          type: 'webhook.endpoint_disabled',
          data: {
            endpointId: endpoint.id,
            partnerId: endpoint.partnerId,
            failingSince: since.toISOString(),
            reason: 'Every delivery failed for 5 days',
          },
        },
      ]);
      return endpoint;
    });
    if (disabled) {
      this.subscriptions.invalidate();
      this.logger.warn({ endpointId, partnerId: disabled.partnerId }, 'Webhook endpoint disabled');
    }
  }
}
