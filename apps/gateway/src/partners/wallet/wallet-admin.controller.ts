import { Body, Get, Headers, Post, Query, Res } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentActor, type ActorContext } from '../../auth/actor-context.js';
import { ProblemDto } from '../../common/http/problem.dto.js';
import { AdminController } from '../../common/http/admin-route.js';
import { mapPage } from '../../common/http/cursor.js';
import { ApiIdParam, IdParam } from '../../common/http/id-param.js';
import { PageQueryDto } from '../../common/http/page-query.dto.js';
import { AdminLedgerService } from './admin-ledger.service.js';
import { CreateLedgerEntryDto, LedgerEntryDto, LedgerPageDto } from './dto/ledger.dto.js';
import { toLedgerEntryDto } from './dto/ledger.mapper.js';
import { WalletService } from './wallet.service.js';

@AdminController('wallets')
export class WalletAdminController {
  constructor(
    private readonly adminLedger: AdminLedgerService,
    private readonly wallet: WalletService,
  ) {}

  /** Credits (positive amount) or debits (negative) the partner's wallet, with a reason. */
  @Post('partners/:id/ledger')
  @ApiOperation({ summary: "Credit or debit a partner's wallet" })
  @ApiIdParam('id', 'Partner id')
  @ApiHeader({
    name: 'idempotency-key', // as POST /v1/orders documents it (header names are case-insensitive)
    required: false,
    description:
      'Applies the movement once per key; a replay returns the first entry with Idempotent-Replayed: true',
  })
  @ApiCreatedResponse({ type: LedgerEntryDto })
  @ApiConflictResponse({
    description: 'ledger_key_conflict: the Idempotency-Key was used for another movement',
    type: ProblemDto,
  })
  @ApiUnprocessableEntityResponse({
    description: 'insufficient_funds (a debit below zero) or an unusable amount',
    type: ProblemDto,
  })
  async createLedgerEntry(
    @IdParam('id') id: number,
    @Body() body: CreateLedgerEntryDto,
    @Headers('idempotency-key') key: string | undefined,
    @CurrentActor() ctx: ActorContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<LedgerEntryDto> {
    const movement = await this.adminLedger.post(id, body, key, ctx);
    if (!movement.applied) reply.header('idempotent-replayed', 'true');
    return toLedgerEntryDto(movement.entry);
  }

  /** The partner's ledger, newest first, with cursor pagination. */
  @Get('partners/:id/ledger')
  @ApiOperation({ summary: "List a partner's ledger" })
  @ApiIdParam('id', 'Partner id')
  @ApiOkResponse({ type: LedgerPageDto })
  listPartnerLedger(
    @IdParam('id') id: number,
    @Query() query: PageQueryDto,
  ): Promise<LedgerPageDto> {
    return this.wallet.ledger(id, query).then((page) => mapPage(page, toLedgerEntryDto));
  }
}
