import { Injectable } from '@nestjs/common';
import type { Decimal } from 'decimal.js';
import { DomainError, notFound } from '../../common/errors/domain-error.js';
import { AppConfig } from '../../config/app-config.js';
import { PartnersRepository } from '../partners.repository.js';
import { CurrencyRates } from './currency-rates.js';
import { orderCharge, partnerRate } from './partner-rate.js';

/** What a caller pays in: its currency and markup. */
export interface PriceTerms {
  /** null for tokens without a partner (operators, internal tools): cost prices, base currency. */
  readonly partnerId: number | null;
  readonly currency: string;
  readonly markupPercent: string;
}

export interface OrderPrice {
  readonly currency: string;
  /** The partner's rate per 1000, as its price list shows it. */
  readonly rate: string;
  /** rate × quantity ÷ 1000, rounded up at 5 decimals: what the wallet is charged. */
  readonly charge: string;
  /** Base-currency units one unit of `currency` was worth for this price. */
  readonly basePerUnit: string;
}

export interface Quote {
  readonly currency: string;
  /** One rate per cost given, same order. */
  readonly rates: string[];
  /** Base-currency units one unit of `currency` is worth ("1" for the base currency). */
  readonly basePerUnit: string;
}

/**
 * Prices for a caller: loads the partner's terms and the one currency rate needed, then applies
 * the pure `partnerRate` to each cost. Rates are passed in (`CurrencyRates`, implemented by the
 * catalog module) so pricing does not depend on the catalog.
 */
@Injectable()
export class PricingService {
  constructor(
    private readonly config: AppConfig,
    private readonly partners: PartnersRepository,
  ) {}

  /** The partner's currency and markup; the base currency at markup 0 for no partner. */
  private termsVersion = 0;

  /**
   * Grows whenever a partner's terms change in this process: caches of prices (the price list)
   * compare it to know they are stale. Other processes' changes reach them by their cache's TTL.
   */
  get version(): number {
    return this.termsVersion;
  }

  termsChanged(): void {
    this.termsVersion += 1;
  }

  async termsFor(partnerId: number | null): Promise<PriceTerms> {
    if (partnerId === null) {
      return { partnerId, currency: this.config.catalog.baseCurrency, markupPercent: '0' };
    }
    const terms = await this.partners.terms(partnerId);
    if (!terms) throw notFound('Partner', partnerId);
    return { partnerId, ...terms };
  }

  /** Rates for many costs (in the base currency) at once: one partner read, one rate lookup. */
  async quote(
    partnerId: number | null,
    costsInBase: (string | Decimal)[],
    rates: CurrencyRates,
  ): Promise<Quote> {
    const terms = await this.termsFor(partnerId);
    if (terms.partnerId === null) {
      return {
        currency: terms.currency,
        rates: costsInBase.map((cost) => partnerRate(cost, '0')),
        basePerUnit: '1',
      };
    }
    const basePerUnit = await this.basePerUnit(terms.currency, rates);
    return {
      currency: terms.currency,
      rates: costsInBase.map((cost) => partnerRate(cost, terms.markupPercent, basePerUnit)),
      basePerUnit: basePerUnit.toString(),
    };
  }

  /**
   * The price of one order: the partner's listed rate for the routed cost per 1000, then the
   * charge for the quantity, so what a partner pays always matches its price list.
   */
  async priceOrder(
    partnerId: number | null,
    costPerThousandInBase: string | Decimal,
    quantity: number,
    rates: CurrencyRates,
  ): Promise<OrderPrice> {
    const quote = await this.quote(partnerId, [costPerThousandInBase], rates);
    const rate = quote.rates[0]!;
    return {
      currency: quote.currency,
      rate,
      charge: orderCharge(rate, quantity),
      basePerUnit: quote.basePerUnit,
    };
  }

  private async basePerUnit(currency: string, rates: CurrencyRates): Promise<string | Decimal> {
    if (currency === this.config.catalog.baseCurrency) return '1';
    const rate = await rates.toBase(currency);
    if (rate === undefined) {
      throw new DomainError(
        'currency_rate_unavailable',
        `No exchange rate from ${this.config.catalog.baseCurrency} to ${currency} is known yet.`,
      );
    }
    return rate;
  }
}
