import { lookup } from 'node:dns/promises';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AdminWebhooksController } from './admin-webhooks.controller.js';
import { DeliverySignal } from './delivery/delivery-signal.js';
import { WebhookDeliveryJob } from './delivery/webhook-delivery.job.js';
import { WebhookDispatcher } from './delivery/webhook-dispatcher.js';
import { WebhookEndpointsRepository } from './endpoints/webhook-endpoints.repository.js';
import { WebhookEndpointsService } from './endpoints/webhook-endpoints.service.js';
import { WEBHOOK_RESOLVER, WEBHOOK_RESOLVER_OVERRIDE, type HostResolver } from './target-guard.js';
import { WebhookDeliveryEntity } from './webhook-delivery.entity.js';
import { WebhookEndpointEntity } from './webhook-endpoint.entity.js';
import { WebhookEventEntity } from './webhook-event.entity.js';
import { WebhookOutbox } from './webhook-outbox.js';
import { WebhookOutboxRepository } from './webhook-outbox.repository.js';
import { WebhookSecrets } from './webhook-secrets.js';
import { WebhookSubscriptions } from './webhook-subscriptions.js';
import { WebhooksController } from './webhooks.controller.js';

/** The system resolver: every address a name has (all of them are judged). */
const systemResolver: HostResolver = async (host) =>
  (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);

/**
 * Webhooks: endpoints (partners' and the operator's), the outbox other modules write events to
 * in their own transactions (WebhookOutbox), and the delivery job. Depends on no producer: the
 * producers depend on it.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([WebhookEndpointEntity, WebhookEventEntity, WebhookDeliveryEntity]),
  ],
  controllers: [WebhooksController, AdminWebhooksController],
  providers: [
    {
      provide: WEBHOOK_RESOLVER,
      useFactory: (override?: HostResolver) => override ?? systemResolver,
      inject: [{ token: WEBHOOK_RESOLVER_OVERRIDE, optional: true }],
    },
    DeliverySignal,
    WebhookOutbox,
    WebhookOutboxRepository,
    WebhookSubscriptions,
    WebhookSecrets,
    WebhookEndpointsRepository,
    WebhookEndpointsService,
    WebhookDispatcher,
    WebhookDeliveryJob,
  ],
  exports: [WebhookOutbox, WebhookDispatcher],
})
export class WebhooksModule {}
