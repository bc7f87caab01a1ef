import type { Decimal } from 'decimal.js';
import type { EntityManager } from 'typeorm';
import type { RouteCandidate } from './order-routing.port.js';

/** Port onto partners' prices and wallets. */
export abstract class OrderMoney {
  /**
   * What this partner pays for an order on this offer: its price-list rate (cost × markup,
   * converted, rounded up at 5 decimals) × units, so the charge always matches the rate it sees;
   * `fx` is what one unit of the partner's currency was worth in the base currency.
   */
  abstract priceFor(
    partnerId: number,
    offer: RouteCandidate,
  ): Promise<{ charge: Decimal; currency: string; fx: Decimal }>;

  /** Debits the wallet inside the caller's transaction; throws insufficient_funds when it can't. */
  abstract charge(
    manager: EntityManager,
    partnerId: number,
    orderId: number,
    amount: Decimal,
  ): Promise<void>;

  /**
   * Credits a refund inside the caller's transaction, at most once per (order, key): a second
   * call with the same key writes nothing and returns false.
   */
  abstract refund(
    manager: EntityManager,
    partnerId: number,
    orderId: number,
    amount: Decimal,
    reason: string,
  ): Promise<boolean>;
}
