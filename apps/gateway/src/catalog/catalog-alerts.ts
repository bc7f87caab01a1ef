import { Injectable } from '@nestjs/common';
import { Decimal } from 'decimal.js';
import type { Tx } from '../database/transactions.js';
import type { ProviderEntity } from '../providers/provider.entity.js';
import { WebhookOutbox } from '../webhooks/webhook-outbox.js';
import type { OutboxEvent } from '../webhooks/webhook-types.js';
import type { OfferDiff } from './offer-diff.js';
import { OffersRepository } from './offers.repository.js';

/**
 * The operator's catalog events, in the sync's transaction: catalog.sync_failed, and
 * offer.price_changed for each MAPPED offer whose rate moved (each endpoint has its own
 * threshold, 10 % by default; the move is given exactly, as a decimal percent).
 */
@Injectable()
export class CatalogAlerts {
  constructor(
    private readonly outbox: WebhookOutbox,
    private readonly offers: OffersRepository,
  ) {}

  async syncFailed(m: Tx, provider: ProviderEntity, error: string, at: Date): Promise<void> {
    await this.outbox.emit(m, [
      {
        audience: null,
        type: 'catalog.sync_failed',
        data: {
          providerId: provider.id,
          name: provider.name,
          error,
          attemptedAt: at.toISOString(),
        },
      },
    ]);
  }

  async pricesChanged(m: Tx, provider: ProviderEntity, diff: OfferDiff): Promise<void> {
    const moved = diff.changed.filter((c) => !new Decimal(c.oldRate).eq(c.fields.rate));
    if (moved.length === 0 || !(await this.outbox.listens(m, null, 'offer.price_changed'))) return;
    const mapped = await this.offers.mappings(
      m,
      moved.map((c) => c.id),
    );
    const events: OutboxEvent[] = moved.flatMap((c) => {
      const services = mapped.get(c.id);
      if (!services) return [];
      const old = new Decimal(c.oldRate);
      const change = old.isZero()
        ? new Decimal(100)
        : new Decimal(c.fields.rate).minus(old).div(old).times(100);
      return [
        {
          audience: null,
          type: 'offer.price_changed' as const,
          changePercent: change.toFixed(),
          data: {
            providerId: provider.id,
            offerId: c.id,
            upstreamServiceId: c.fields.upstreamServiceId,
            serviceIds: services,
            oldRate: old.toFixed(),
            newRate: new Decimal(c.fields.rate).toFixed(),
            changePercent: change.toDecimalPlaces(4).toFixed(),
            currency: provider.currency,
          },
        },
      ];
    });
    await this.outbox.emit(m, events);
  }
}
