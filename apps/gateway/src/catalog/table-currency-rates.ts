import { Injectable } from '@nestjs/common';
import { CurrenciesRepository } from './currencies.repository.js';
import { AppConfig } from '../config/app-config.js';
import { CurrencyRates } from '../partners/pricing/currency-rates.js';

/** CurrencyRates over the catalog's currency table (the operator's PUT /v1/admin/currencies). */
@Injectable()
export class TableCurrencyRates extends CurrencyRates {
  constructor(
    private readonly rates: CurrenciesRepository,
    private readonly config: AppConfig,
  ) {
    super();
  }

  async toBase(currency: string): Promise<string | undefined> {
    if (currency === this.config.catalog.baseCurrency) return '1';
    return (await this.rates.find(currency))?.rate;
  }
}
