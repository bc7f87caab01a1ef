import { Body, Delete, Get, Put } from '@nestjs/common';
import { ApiNoContentResponse } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/auth.decorators.js';
import type { Principal } from '../auth/scopes.js';
import { CURRENCY_CODE } from '../providers/dto/provider.dto.js';
import { AdminController } from '../common/http/admin-route.js';
import { Endpoint } from '../common/http/endpoint.js';
import { PatternParam } from '../common/http/id-param.js';
import { CurrenciesService } from './currencies.service.js';
import { CurrencyRateDto, SetCurrencyRateDto } from './dto/currency.dto.js';

const CODE_MESSAGE = 'code must be an upper-case currency code such as EUR';

@AdminController('admin: currencies', 'currencies')
export class CurrenciesController {
  constructor(private readonly currencies: CurrenciesService) {}

  // The base currency and every conversion rate.
  @Get()
  @Endpoint({ summary: 'List currency rates', type: [CurrencyRateDto] })
  listCurrencyRates(): Promise<CurrencyRateDto[]> {
    return this.currencies.list();
  }

  // Sets how many base units one unit of the currency is worth.
  @Put(':code')
  @Endpoint({
    summary: 'Set a currency rate',
    type: CurrencyRateDto,
    errors: { currency_is_base: 'the base currency has no rate (it is always 1)' },
  })
  setCurrencyRate(
    @PatternParam('code', CURRENCY_CODE, CODE_MESSAGE) code: string,
    @Body() dto: SetCurrencyRateDto,
    @CurrentPrincipal() p: Principal,
  ): Promise<CurrencyRateDto> {
    return this.currencies.set(code, dto.rate, p.actor);
  }

  // Removes a rate; offers in that currency stop being eligible.
  @Delete(':code')
  @Endpoint({
    summary: 'Delete a currency rate',
    status: 204,
    errors: { not_found: 'no rate for this code' },
  })
  // Literal, so the Swagger plugin (blind to Endpoint's status) adds no 200 response of its own.
  @ApiNoContentResponse({ description: 'Deleted' })
  deleteCurrencyRate(
    @PatternParam('code', CURRENCY_CODE, CODE_MESSAGE) code: string,
    @CurrentPrincipal() p: Principal,
  ): Promise<void> {
    return this.currencies.remove(code, p.actor);
  }
}
