import { Inject, Injectable } from '@nestjs/common';
import { decodeCursor, toPage, type Page } from '../../common/http/cursor.js';
import { DEFAULT_PAGE_SIZE } from '../../common/http/page-query.dto.js';
import { DomainError, notFound, ValidationFailedError } from '../../common/errors/domain-error.js';
import { AppConfig } from '../../config/app-config.js';
import { Transactions } from '../../database/transactions.js';
import { judgeTarget, WEBHOOK_RESOLVER, type HostResolver } from '../target-guard.js';
import type { WebhookEndpointEntity } from '../webhook-endpoint.entity.js';
import { WebhookOutbox } from '../webhook-outbox.js';
import { WebhookOutboxRepository } from '../webhook-outbox.repository.js';
import { ROTATION_OVERLAP_MS, WebhookSecrets } from '../webhook-secrets.js';
import { WebhookSubscriptions } from '../webhook-subscriptions.js';
import { eventsOf, messageId, TEST_EVENT, type Audience } from '../webhook-types.js';
import { WebhookEndpointsRepository, type DeliveryRow } from './webhook-endpoints.repository.js';

/** Endpoints an audience may hold. */
export const MAX_ENDPOINTS = 20;

export interface EndpointInput {
  url?: string;
  events?: string[] | null;
  description?: string | null;
  enabled?: boolean;
  priceChangePercent?: string | null;
}

/**
 * Webhook endpoints of one audience: a partner's (its own only: another's answers 404 like a
 * missing one) or the operator's. Targets are judged at registration (and again before every
 * delivery); secrets are made here, shown once and stored encrypted.
 */
@Injectable()
export class WebhookEndpointsService {
  constructor(
    private readonly endpoints: WebhookEndpointsRepository,
    private readonly outboxRows: WebhookOutboxRepository,
    private readonly outbox: WebhookOutbox,
    private readonly subscriptions: WebhookSubscriptions,
    private readonly secrets: WebhookSecrets,
    private readonly transactions: Transactions,
    private readonly config: AppConfig,
    @Inject(WEBHOOK_RESOLVER) private readonly resolve: HostResolver,
  ) {}

  async create(
    audience: Audience,
    input: EndpointInput & { url: string },
  ): Promise<{ endpoint: WebhookEndpointEntity; secret: string }> {
    this.checkEvents(audience, input.events);
    await this.checkTarget(input.url);
    if ((await this.endpoints.count(audience)) >= MAX_ENDPOINTS) {
      throw new DomainError(
        'webhook_limit_reached',
        `At most ${MAX_ENDPOINTS} webhook endpoints; delete one first.`,
      );
    }
    const secret = this.secrets.create();
    const now = new Date();
    const endpoint = await this.transactions.run((m) =>
      this.endpoints.insert(m, {
        partnerId: audience,
        url: input.url,
        description: input.description ?? null,
        events: input.events ?? null,
        secret: secret.stored,
        previousSecret: null,
        previousSecretUntil: null,
        priceChangePercent: audience === null ? (input.priceChangePercent ?? null) : null,
        enabled: true,
        failingSince: null,
        disabledReason: null,
        createdAt: now,
        updatedAt: now,
      }),
    );
    this.subscriptions.invalidate();
    return { endpoint, secret: secret.clear };
  }

  list(audience: Audience): Promise<WebhookEndpointEntity[]> {
    return this.endpoints.list(audience);
  }

  async get(audience: Audience, id: number): Promise<WebhookEndpointEntity> {
    const endpoint = await this.endpoints.find(audience, id);
    if (!endpoint) throw notFound('Webhook endpoint', id);
    return endpoint;
  }

  async update(
    audience: Audience,
    id: number,
    input: EndpointInput,
  ): Promise<WebhookEndpointEntity> {
    this.checkEvents(audience, input.events);
    if (input.url !== undefined) await this.checkTarget(input.url);
    const updated = await this.transactions.run(async (m) => {
      const endpoint = await this.endpoints.lock(m, audience, id);
      if (!endpoint) throw notFound('Webhook endpoint', id);
      const change: Partial<WebhookEndpointEntity> = { updatedAt: new Date() };
      if (input.url !== undefined) change.url = input.url;
      if (input.events !== undefined) change.events = input.events;
      if (input.description !== undefined) change.description = input.description;
      if (audience === null && input.priceChangePercent !== undefined) {
        change.priceChangePercent = input.priceChangePercent;
      }
      if (input.enabled !== undefined) {
        change.enabled = input.enabled;
        change.disabledReason = input.enabled ? null : 'disabled by its owner';
        if (input.enabled) change.failingSince = null;
      }
      await this.endpoints.update(m, id, change);
      return Object.assign(endpoint, change);
    });
    this.subscriptions.invalidate();
    return updated;
  }

  async delete(audience: Audience, id: number): Promise<void> {
    await this.transactions.run(async (m) => {
      const endpoint = await this.endpoints.lock(m, audience, id);
      if (!endpoint) throw notFound('Webhook endpoint', id);
      await this.endpoints.delete(m, id);
    });
    this.subscriptions.invalidate();
  }

  /** A new secret; the current one keeps signing beside it for 24 hours. */
  async rotateSecret(
    audience: Audience,
    id: number,
  ): Promise<{ endpoint: WebhookEndpointEntity; secret: string }> {
    const secret = this.secrets.create();
    const endpoint = await this.transactions.run(async (m) => {
      const current = await this.endpoints.lock(m, audience, id);
      if (!current) throw notFound('Webhook endpoint', id);
      const now = new Date();
      const change = {
        secret: secret.stored,
        previousSecret: current.secret,
        previousSecretUntil: new Date(now.getTime() + ROTATION_OVERLAP_MS),
        updatedAt: now,
      };
      await this.endpoints.update(m, id, change);
      return Object.assign(current, change);
    });
    return { endpoint, secret: secret.clear };
  }

  /** Queues a webhook.test event for this endpoint only; answers its webhook-id. */
  async sendTest(audience: Audience, id: number): Promise<{ webhookId: string; eventId: number }> {
    const endpoint = await this.get(audience, id);
    const [eventId] = await this.transactions.run((m) =>
      this.outbox.emit(m, [
        {
          audience,
          type: TEST_EVENT,
          endpointId: endpoint.id,
          data: { endpointId: endpoint.id, message: 'A test event: your endpoint is reachable.' },
        },
      ]),
    );
    return { webhookId: messageId(eventId!), eventId: eventId! };
  }

  async deliveries(
    audience: Audience,
    id: number,
    page: { cursor?: string; limit?: number },
  ): Promise<Page<DeliveryRow & { id: number }>> {
    const before = decodeCursor(page.cursor);
    await this.get(audience, id);
    const limit = page.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await this.endpoints.deliveriesOf(id, { before, take: limit + 1 });
    return toPage(
      rows.map((r) => ({ ...r, id: r.delivery.id })),
      limit,
    );
  }

  /** Sends a delivery again now (any state); its webhook-id stays the same. */
  async redeliver(audience: Audience, id: number, deliveryId: number): Promise<DeliveryRow> {
    await this.get(audience, id);
    const row = await this.endpoints.delivery(id, deliveryId);
    if (!row) throw notFound('Delivery', deliveryId);
    await this.transactions.run((m) => this.outboxRows.redeliver(m, deliveryId, new Date()));
    const after = await this.endpoints.delivery(id, deliveryId);
    return after ?? row;
  }

  private checkEvents(audience: Audience, events: string[] | null | undefined): void {
    if (!events) return;
    const allowed = eventsOf(audience);
    const foreign = events.filter((e) => !allowed.includes(e));
    if (foreign.length > 0) {
      throw new ValidationFailedError([
        {
          field: 'events',
          message: `${foreign.join(', ')} cannot be subscribed to here; allowed: ${allowed.join(', ')}`,
        },
      ]);
    }
  }

  private async checkTarget(url: string): Promise<void> {
    const verdict = await judgeTarget(url, this.resolve, this.config.webhooks.allowPrivate);
    if (!verdict.ok) {
      throw new DomainError('webhook_target_refused', `The webhook URL ${verdict.reason}.`, {
        reason: verdict.reason,
      });
    }
  }
}
