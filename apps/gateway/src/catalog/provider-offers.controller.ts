import { Get, Post, Query } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/auth.decorators.js';
import type { Principal } from '../auth/scopes.js';
import { AdminController } from '../common/http/admin-route.js';
import { Endpoint } from '../common/http/endpoint.js';
import { IdParam, PatternParam } from '../common/http/id-param.js';
import { CatalogSyncService } from './catalog-sync.service.js';
import { ListOffersQueryDto } from './dto/offer-query.dto.js';
import { OfferDto, OfferRateChangeDto, SyncResultDto } from './dto/offer.dto.js';
import { OffersService } from './offers.service.js';

const NOT_FOUND = { not_found: 'no provider with this id' } as const;

@AdminController('admin: providers', 'providers')
export class ProviderOffersController {
  constructor(
    private readonly sync: CatalogSyncService,
    private readonly offers: OffersService,
  ) {}

  // Pulls the upstream catalog now and reports what changed.
  @Post(':id/sync')
  @Endpoint({
    summary: 'Sync a provider catalog now (counts of new, changed, removed offers)',
    type: SyncResultDto,
    errors: {
      ...NOT_FOUND,
      upstream_failed: 'the upstream gave no usable catalog; the last good one is kept',
    },
  })
  // Literal, so the Swagger plugin (blind to Endpoint's status) adds no 201 response of its own.
  @ApiOkResponse({ type: SyncResultDto })
  async syncProvider(
    @IdParam() id: number,
    @CurrentPrincipal() p: Principal,
  ): Promise<SyncResultDto> {
    const result = await this.sync.sync(id, { actor: p.actor });
    return {
      ...result,
      invalidEntries: [...result.invalidEntries],
      syncedAt: result.syncedAt.toISOString(),
    };
  }

  // The provider's synced offers, removed ones included unless filtered.
  @Get(':id/offers')
  @Endpoint({
    summary: 'List a provider offers',
    type: [OfferDto],
    errors: NOT_FOUND,
  })
  listProviderOffers(
    @IdParam() id: number,
    @Query() query: ListOffersQueryDto,
  ): Promise<OfferDto[]> {
    return this.offers.list(id, query);
  }

  // Every earlier rate of one offer, oldest first.
  @Get(':id/offers/:upstreamServiceId/rates')
  @Endpoint({
    summary: 'List the rate changes of one offer',
    type: [OfferRateChangeDto],
    errors: { not_found: 'no such provider or offer' },
  })
  listOfferRateChanges(
    @IdParam() id: number,
    @PatternParam(
      'upstreamServiceId',
      /^[\x21-\x7e\u00a0-\uffff]{1,64}$/,
      'upstreamServiceId must be 1 to 64 printable characters without spaces',
    )
    upstreamServiceId: string,
  ): Promise<OfferRateChangeDto[]> {
    return this.offers.rateHistory(id, upstreamServiceId);
  }
}
