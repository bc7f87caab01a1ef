import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { CurrencyRateEntity } from './currency-rate.entity.js';
import { AppConfig } from '../config/app-config.js';
import { CurrencyRates } from '../partners/pricing/currency-rates.js';

/** CurrencyRates over the catalog's currency table (the operator's PUT /v1/admin/currencies). */
@Injectable()
export class TableCurrencyRates extends CurrencyRates {
  constructor(
    @InjectRepository(CurrencyRateEntity) private readonly rates: Repository<CurrencyRateEntity>,
    private readonly config: AppConfig,
  ) {
    super();
  }

  async toBase(currency: string): Promise<string | undefined> {
    if (currency === this.config.catalog.baseCurrency) return '1';
    return (await this.rates.findOneBy({ code: currency }))?.rate;
  }
}
