import { Injectable } from '@nestjs/common';
import { notFound } from '../common/errors/domain-error.js';
import type { ProviderEntity } from '../providers/provider.entity.js';
import { ProvidersRepository } from '../providers/providers.repository.js';
import type { OfferDto, OfferRateChangeDto } from './dto/offer.dto.js';
import { OffersRepository } from './offers.repository.js';

export interface OfferFilter {
  available?: boolean;
}

/** Reads of a provider's synced offers and their rate history. */
@Injectable()
export class OffersService {
  constructor(
    private readonly providers: ProvidersRepository,
    private readonly offers: OffersRepository,
  ) {}

  async list(providerId: number, filter: OfferFilter = {}): Promise<OfferDto[]> {
    const provider = await this.provider(providerId);
    const rows = await this.offers.ofProvider(providerId, filter.available);
    const links = await this.offers.links(rows.map((r) => r.id));
    const services = new Map<number, number[]>();
    for (const link of links) {
      services.set(link.offerId, [...(services.get(link.offerId) ?? []), link.serviceId]);
    }
    return rows.map((row) => ({
      id: row.id,
      providerId: row.providerId,
      upstreamServiceId: row.upstreamServiceId,
      name: row.name,
      type: row.type,
      category: row.category,
      rate: row.rate,
      currency: provider.currency,
      min: row.min,
      max: row.max,
      refill: row.refill,
      cancel: row.cancel,
      dripfeed: row.dripfeed,
      description: row.description,
      available: row.available,
      serviceIds: (services.get(row.id) ?? []).sort((a, b) => a - b),
      firstSeenAt: row.firstSeenAt.toISOString(),
      removedAt: row.removedAt ? row.removedAt.toISOString() : null,
      updatedAt: row.updatedAt.toISOString(),
    }));
  }

  /** Earlier rates of one offer, oldest first. */
  async rateHistory(providerId: number, upstreamServiceId: string): Promise<OfferRateChangeDto[]> {
    await this.provider(providerId);
    const offer = await this.offers.find(providerId, upstreamServiceId);
    if (!offer)
      throw notFound(`Offer of provider ${providerId} with upstream id`, upstreamServiceId);
    const rows = await this.offers.rateChanges(offer.id);
    return rows.map((r) => ({
      oldRate: r.oldRate,
      newRate: r.newRate,
      changedAt: r.changedAt.toISOString(),
    }));
  }

  private async provider(id: number): Promise<ProviderEntity> {
    const provider = await this.providers.find(id);
    if (!provider) throw notFound('Provider', id);
    return provider;
  }
}
