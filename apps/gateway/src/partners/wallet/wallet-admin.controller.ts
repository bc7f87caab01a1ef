import { Body, Get, Headers, Post, Query, Res } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentActor, type ActorContext } from '../../auth/actor-context.js';

import { AdminController } from '../../common/http/admin-route.js';
import { mapPage } from '../../common/http/cursor.js';
import { ApiIdParam, IdParam } from '../../common/http/id-param.js';
import { PageQueryDto } from '../../common/http/page-query.dto.js';
import { AdminLedgerService } from './admin-ledger.service.js';
import { CreateLedgerEntryDto, LedgerEntryDto, LedgerPageDto } from './dto/ledger.dto.js';
import { toLedgerEntryDto } from './dto/ledger.mapper.js';
import { WalletService } from './wallet.service.js';
import { Endpoint } from '../../common/http/endpoint.js';

@AdminController('admin: wallets')
export class WalletAdminController {
  constructor(
    private readonly adminLedger: AdminLedgerService,
    private readonly wallet: WalletService,
  ) {}

  // Credits (positive amount) or debits (negative) the partner's wallet, with a reason.
  @Post('partners/:id/ledger')
  @ApiIdParam('id', 'Partner id')
  @Endpoint({
    summary: "Credit or debit a partner's wallet",
    status: 201,
    type: LedgerEntryDto,
    errors: {
      invalid_idempotency_key: 'the Idempotency-Key is not 1–255 visible ASCII characters',
      ledger_key_conflict: 'the Idempotency-Key was used for another movement',
      insufficient_funds: 'a debit would take the balance below zero',
      balance_limit_exceeded: 'the balance would pass the largest amount a wallet holds',
      unprocessable: 'the amount is not a usable decimal',
    },
  })
  @ApiHeader({
    name: 'idempotency-key', // as POST /v1/orders documents it (header names are case-insensitive)
    required: false,
    description:
      'Applies the movement once per key; a replay returns the first entry with Idempotent-Replayed: true',
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

  // The partner's ledger, newest first, with cursor pagination.
  @Get('partners/:id/ledger')
  @ApiIdParam('id', 'Partner id')
  @Endpoint({
    summary: "List a partner's ledger",
    type: LedgerPageDto,
    errors: { invalid_cursor: 'the cursor is not one this API returned' },
  })
  listPartnerLedger(
    @IdParam('id') id: number,
    @Query() query: PageQueryDto,
  ): Promise<LedgerPageDto> {
    return this.wallet.ledger(id, query).then((page) => mapPage(page, toLedgerEntryDto));
  }
}
