import { Injectable, Logger } from '@nestjs/common';
import { Transactions } from '../database/transactions.js';
import { CatalogRevision } from '../providers/catalog-revision.js';
import { ProvidersRepository } from '../providers/providers.repository.js';
import { OffersRepository } from './offers.repository.js';

/**
 * An upstream refused a quantity routing thought in range: its limits moved since the last sync.
 * The offer takes the limit the upstream named at once (routing sees it on the next order, so a
 * retry is not sent to a refusal again), and the provider's catalog is due for a sync on the next
 * tick of the sync job, which brings every other change of that upstream.
 */
@Injectable()
export class OfferLimits {
  private readonly logger = new Logger('OfferLimits');

  constructor(
    private readonly offers: OffersRepository,
    private readonly providers: ProvidersRepository,
    private readonly transactions: Transactions,
    private readonly revision: CatalogRevision,
  ) {}

  async correct(
    offer: { providerId: number; upstreamServiceId: string },
    limits: { min?: number; max?: number },
  ): Promise<void> {
    const changed = await this.transactions.run(async (m) => {
      const moved = await this.offers.correctLimits(m, offer, limits);
      await this.providers.syncDueNow(m, offer.providerId);
      if (moved) await this.revision.bump(m);
      return moved;
    });
    if (changed) this.revision.touched();
    this.logger.warn(
      { providerId: offer.providerId, upstreamServiceId: offer.upstreamServiceId, ...limits },
      'Upstream refused a quantity in its listed range: offer limits corrected, catalog sync due',
    );
  }
}
