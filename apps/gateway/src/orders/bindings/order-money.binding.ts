import { Injectable } from '@nestjs/common';
import { Decimal } from 'decimal.js';
import type { EntityManager } from 'typeorm';
import { CurrencyRates } from '../../partners/pricing/currency-rates.js';
import { PricingService } from '../../partners/pricing/pricing.service.js';
import { WalletService } from '../../partners/wallet/wallet.service.js';
import { OrderMoney } from '../ports/order-money.port.js';
import type { RouteCandidate } from '../ports/order-routing.port.js';

/** OrderMoney over the partners module: prices with markup and currency, the wallet ledger. */
@Injectable()
export class PartnerOrderMoney extends OrderMoney {
  constructor(
    private readonly pricing: PricingService,
    private readonly rates: CurrencyRates,
    private readonly wallet: WalletService,
  ) {
    super();
  }

  async priceFor(
    partnerId: number,
    offer: RouteCandidate,
  ): Promise<{ charge: Decimal; currency: string; fx: Decimal }> {
    // A package's rate is per package: priced as 1000 units of a per-1000 rate, it costs the rate.
    const units = offer.perPackage ? 1000 : offer.units;
    const price = await this.pricing.priceOrder(partnerId, offer.rate, units, this.rates);
    return {
      charge: new Decimal(price.charge),
      currency: price.currency,
      fx: new Decimal(price.basePerUnit),
    };
  }

  async charge(
    manager: EntityManager,
    partnerId: number,
    orderId: number,
    amount: Decimal,
  ): Promise<void> {
    await this.wallet.charge(manager, {
      partnerId,
      amount,
      reference: { type: 'order', id: orderId },
      key: `order:${orderId}:charge`,
      reason: `order ${orderId}`,
      // Charged in the transaction that inserts the order: its key cannot exist yet.
      newReference: true,
    });
  }

  async refund(
    manager: EntityManager,
    partnerId: number,
    orderId: number,
    amount: Decimal,
    reason: string,
  ): Promise<boolean> {
    const movement = await this.wallet.refund(manager, {
      partnerId,
      amount,
      reference: { type: 'order', id: orderId },
      // One refund per order, whatever ends it (failure, partial, cancel): never two.
      key: `order:${orderId}:refund`,
      reason,
    });
    return movement.applied;
  }
}
