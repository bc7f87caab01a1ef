import { Body, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
} from '@nestjs/swagger';
import { CurrentActor, type ActorContext } from '../auth/actor-context.js';
import { ProblemDto } from '../common/http/problem.dto.js';
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

@AdminController('partners')
export class PartnersController {
  constructor(private readonly partners: PartnersService) {}

  /** Creates a partner with an empty wallet. Internal applications are partners with markup 0. */
  @Post('partners')
  @ApiOperation({ summary: 'Create a partner' })
  @ApiCreatedResponse({ type: PartnerDto })
  @ApiConflictResponse({ description: 'partner_name_taken', type: ProblemDto })
  createPartner(
    @Body() body: CreatePartnerDto,
    @CurrentActor() ctx: ActorContext,
  ): Promise<PartnerDto> {
    return this.partners.create(body, ctx).then(toPartnerDto);
  }

  /** Partners, newest first, with cursor pagination. */
  @Get('partners')
  @ApiOperation({ summary: 'List partners' })
  @ApiOkResponse({ type: PartnerPageDto })
  listPartners(@Query() query: ListPartnersQueryDto): Promise<PartnerPageDto> {
    return this.partners.list(query).then((page) => mapPage(page, toPartnerDto));
  }

  @Get('partners/:id')
  @ApiOperation({ summary: 'Get a partner' })
  @ApiIdParam('id', 'Partner id')
  @ApiOkResponse({ type: PartnerDto })
  getPartner(@IdParam('id') id: number): Promise<PartnerDto> {
    return this.partners.get(id).then(toPartnerDto);
  }

  /** Changes name, currency (while the ledger is empty), markup or the per-token rate limit. */
  @Patch('partners/:id')
  @ApiOperation({ summary: 'Update a partner' })
  @ApiIdParam('id', 'Partner id')
  @ApiOkResponse({ type: PartnerDto })
  @ApiConflictResponse({
    description: 'partner_name_taken, or partner_currency_locked (the ledger has entries)',
    type: ProblemDto,
  })
  updatePartner(
    @IdParam('id') id: number,
    @Body() body: UpdatePartnerDto,
    @CurrentActor() ctx: ActorContext,
  ): Promise<PartnerDto> {
    return this.partners.update(id, body, ctx).then(toPartnerDto);
  }

  /** Suspends the partner: every one of its tokens stops working at once. */
  @Post('partners/:id/suspend')
  @HttpCode(200)
  @ApiOperation({ summary: 'Suspend a partner' })
  @ApiIdParam('id', 'Partner id')
  @ApiOkResponse({ type: PartnerDto })
  suspendPartner(
    @IdParam('id') id: number,
    @CurrentActor() ctx: ActorContext,
  ): Promise<PartnerDto> {
    return this.partners.suspend(id, ctx).then(toPartnerDto);
  }

  /** Lifts a suspension: the partner's unexpired, unrevoked tokens work again. */
  @Post('partners/:id/reactivate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reactivate a suspended partner' })
  @ApiIdParam('id', 'Partner id')
  @ApiOkResponse({ type: PartnerDto })
  reactivatePartner(
    @IdParam('id') id: number,
    @CurrentActor() ctx: ActorContext,
  ): Promise<PartnerDto> {
    return this.partners.reactivate(id, ctx).then(toPartnerDto);
  }
}
