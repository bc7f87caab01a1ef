import { Body, Controller, Get, Patch, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { RequirePartner } from '../../auth/auth.decorators.js';
import { CurrentPartnerId } from '../partner-isolation.js';
import { mapPage } from '../../common/http/cursor.js';
import { ApiIdParam, IdParam } from '../../common/http/id-param.js';
import { PageQueryDto } from '../../common/http/page-query.dto.js';
import {
  BalanceDto,
  LedgerEntryDto,
  LedgerPageDto,
  UpdateBalanceAlertDto,
} from './dto/ledger.dto.js';
import { toLedgerEntryDto } from './dto/ledger.mapper.js';
import { WalletService } from './wallet.service.js';
import { Endpoint } from '../../common/http/endpoint.js';

/** The calling partner's own wallet. Tokens that belong to no partner get 403 partner_required. */
@ApiTags('wallet')
@RequirePartner('balance:read')
@Controller('v1')
export class BalanceController {
  constructor(private readonly wallet: WalletService) {}

  // The wallet balance, exact, in the partner's currency.
  @Get('balance')
  @Endpoint({ summary: 'Get the calling partner balance', type: BalanceDto })
  getBalance(@CurrentPartnerId() partnerId: number): Promise<BalanceDto> {
    return this.wallet.balance(partnerId);
  }

  // The partner's own ledger, newest first.
  @Get('ledger')
  @Endpoint({
    summary: 'List the calling partner ledger',
    type: LedgerPageDto,
    errors: { invalid_cursor: 'the cursor is not one this API returned' },
  })
  listLedger(
    @CurrentPartnerId() partnerId: number,
    @Query() query: PageQueryDto,
  ): Promise<LedgerPageDto> {
    return this.wallet.ledger(partnerId, query).then((page) => mapPage(page, toLedgerEntryDto));
  }

  // One of the partner's own ledger entries; any other id is 404.
  @Get('ledger/:id')
  @ApiIdParam('id', 'Ledger entry id')
  @Endpoint({ summary: 'Get one ledger entry of the calling partner', type: LedgerEntryDto })
  getLedgerEntry(
    @CurrentPartnerId() partnerId: number,
    @IdParam('id') id: number,
  ): Promise<LedgerEntryDto> {
    return this.wallet.entry(partnerId, id).then(toLedgerEntryDto);
  }
}

/**
 * The calling partner's low-balance alert (its own controller: it needs webhooks:write, where
 * reading the wallet needs balance:read).
 */
@ApiTags('wallet')
@Controller('v1')
export class BalanceAlertController {
  constructor(private readonly wallet: WalletService) {}

  // The threshold of the balance.low webhook event (sent once each time the balance falls below it).
  @Patch('balance')
  @Endpoint({
    summary: 'Set the low-balance alert threshold (balance.low webhook event)',
    type: BalanceDto,
    auth: { partner: 'webhooks:write' },
  })
  setBalanceAlert(
    @CurrentPartnerId() partnerId: number,
    @Body() body: UpdateBalanceAlertDto,
  ): Promise<BalanceDto> {
    return this.wallet.setLowBalanceThreshold(partnerId, body.lowBalanceThreshold);
  }
}
