import { Injectable } from '@nestjs/common';
import { CurrencyRates } from '../partners/pricing/currency-rates.js';
import { PricingService } from '../partners/pricing/pricing.service.js';
import { WalletService } from '../partners/wallet/wallet.service.js';
import { toServiceDto } from '../routing/routing.mappers.js';
import { RoutingService } from '../routing/routing.service.js';
import { wireMoney, wireService, type WireService } from './wire-views.js';

/** `services` and `balance`: the partner's price list and wallet, as GET /v1/services and /v1/balance. */
@Injectable()
export class ApiV2Account {
  constructor(
    private readonly routing: RoutingService,
    private readonly pricing: PricingService,
    private readonly rates: CurrencyRates,
    private readonly wallet: WalletService,
  ) {}

  /** Our orderable services at the partner's prices (rate per 1000, or per package). */
  async services(partnerId: number): Promise<WireService[]> {
    const entries = await this.routing.catalog();
    const prices = await this.pricing.quote(
      partnerId,
      entries.map((e) => e.summary.rate),
      this.rates,
    );
    return entries.map((e, i) => wireService(toServiceDto(e, prices.currency, prices.rates[i]!)));
  }

  async balance(partnerId: number): Promise<{ balance: string; currency: string }> {
    const { balance, currency } = await this.wallet.balance(partnerId);
    return { balance: wireMoney(balance), currency };
  }
}
