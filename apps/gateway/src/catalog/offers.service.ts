import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, type Repository } from 'typeorm';
import { notFound } from '../common/errors/domain-error.js';
import { ProviderEntity } from '../providers/provider.entity.js';
import type { OfferDto, OfferRateChangeDto } from './dto/offer.dto.js';
import { OfferRateChangeEntity } from './offer-rate-change.entity.js';
import { ProviderOfferEntity } from './provider-offer.entity.js';
import { ServiceOfferEntity } from './service-offer.entity.js';

export interface OfferFilter {
  available?: boolean;
}

/** Reads of a provider's synced offers and their rate history. */
@Injectable()
export class OffersService {
  constructor(
    @InjectRepository(ProviderEntity) private readonly providers: Repository<ProviderEntity>,
    @InjectRepository(ProviderOfferEntity) private readonly offers: Repository<ProviderOfferEntity>,
    @InjectRepository(ServiceOfferEntity) private readonly mapping: Repository<ServiceOfferEntity>,
    @InjectRepository(OfferRateChangeEntity)
    private readonly rateChanges: Repository<OfferRateChangeEntity>,
  ) {}

  async list(providerId: number, filter: OfferFilter = {}): Promise<OfferDto[]> {
    const provider = await this.provider(providerId);
    const rows = await this.offers.find({
      where: {
        providerId,
        ...(filter.available === undefined ? {} : { available: filter.available }),
      },
      order: { id: 'ASC' },
    });
    const links = rows.length
      ? await this.mapping.findBy({ offerId: In(rows.map((r) => r.id)) })
      : [];
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
    const offer = await this.offers.findOneBy({ providerId, upstreamServiceId });
    if (!offer)
      throw notFound(`Offer of provider ${providerId} with upstream id`, upstreamServiceId);
    const rows = await this.rateChanges.find({
      where: { offerId: offer.id },
      order: { id: 'ASC' },
    });
    return rows.map((r) => ({
      oldRate: r.oldRate,
      newRate: r.newRate,
      changedAt: r.changedAt.toISOString(),
    }));
  }

  private async provider(id: number): Promise<ProviderEntity> {
    const provider = await this.providers.findOneBy({ id });
    if (!provider) throw notFound('Provider', id);
    return provider;
  }
}
