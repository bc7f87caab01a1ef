import { Body, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import { CurrentActor, type ActorContext } from '../auth/actor-context.js';

import {
  CreatePartnerDto,
  ListPartnersQueryDto,
  PartnerDto,
  PartnerPageDto,
  UpdatePartnerDto,
} from './dto/partner.dto.js';
import { toPartnerDto } from './dto/partner.mapper.js';
import { PartnersService } from './partners.service.js';
import { AdminController } from '../common/http/admin-route.js';
import { mapPage } from '../common/http/cursor.js';
import { ApiIdParam, IdParam } from '../common/http/id-param.js';
import { Endpoint } from '../common/http/endpoint.js';

@AdminController('admin: partners')
export class PartnersController {
  constructor(private readonly partners: PartnersService) {}

  // Creates a partner with an empty wallet. Internal applications are partners with markup 0.
  @Post('partners')
  @Endpoint({
    summary: 'Create a partner',
    status: 201,
    type: PartnerDto,
    errors: { partner_name_taken: 'a partner with this name exists' },
  })
  createPartner(
    @Body() body: CreatePartnerDto,
    @CurrentActor() ctx: ActorContext,
  ): Promise<PartnerDto> {
    return this.partners.create(body, ctx).then(toPartnerDto);
  }

  // Partners, newest first, with cursor pagination.
  @Get('partners')
  @Endpoint({
    summary: 'List partners',
    type: PartnerPageDto,
    errors: { invalid_cursor: 'the cursor is not one this API returned' },
  })
  listPartners(@Query() query: ListPartnersQueryDto): Promise<PartnerPageDto> {
    return this.partners.list(query).then((page) => mapPage(page, toPartnerDto));
  }

  @Get('partners/:id')
  @ApiIdParam('id', 'Partner id')
  @Endpoint({ summary: 'Get a partner', type: PartnerDto })
  getPartner(@IdParam('id') id: number): Promise<PartnerDto> {
    return this.partners.get(id).then(toPartnerDto);
  }

  // Changes name, currency (while the ledger is empty), markup or the per-token rate limit.
  @Patch('partners/:id')
  @ApiIdParam('id', 'Partner id')
  @Endpoint({
    summary: 'Update a partner',
    type: PartnerDto,
    errors: {
      partner_name_taken: 'a partner with this name exists',
      partner_currency_locked: 'the ledger has entries: the currency can no longer change',
    },
  })
  updatePartner(
    @IdParam('id') id: number,
    @Body() body: UpdatePartnerDto,
    @CurrentActor() ctx: ActorContext,
  ): Promise<PartnerDto> {
    return this.partners.update(id, body, ctx).then(toPartnerDto);
  }

  // Suspends the partner: every one of its tokens stops working at once.
  @Post('partners/:id/suspend')
  @ApiIdParam('id', 'Partner id')
  @Endpoint({ summary: 'Suspend a partner', type: PartnerDto })
  @ApiOkResponse({ type: PartnerDto }) // literal: the Swagger plugin would add a 201 for a POST
  suspendPartner(
    @IdParam('id') id: number,
    @CurrentActor() ctx: ActorContext,
  ): Promise<PartnerDto> {
    return this.partners.suspend(id, ctx).then(toPartnerDto);
  }

  // Lifts a suspension: the partner's unexpired, unrevoked tokens work again.
  @Post('partners/:id/reactivate')
  @ApiIdParam('id', 'Partner id')
  @Endpoint({ summary: 'Reactivate a suspended partner', type: PartnerDto })
  @ApiOkResponse({ type: PartnerDto }) // literal: the Swagger plugin would add a 201 for a POST
  reactivatePartner(
    @IdParam('id') id: number,
    @CurrentActor() ctx: ActorContext,
  ): Promise<PartnerDto> {
    return this.partners.reactivate(id, ctx).then(toPartnerDto);
  }
}
