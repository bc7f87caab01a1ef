import type { Decimal } from 'decimal.js';

/**
 * Port for currency rates against the gateway's base currency (config.catalog.baseCurrency).
 * The catalog module implements it from its currency table; pricing only reads it.
 */
export abstract class CurrencyRates {
  /**
   * How many units of the base currency one unit of `currency` is worth (with base USD:
   * EUR → "1.08"); undefined when the rate is unknown. The base currency itself is "1".
   */
  abstract toBase(currency: string): Promise<string | Decimal | undefined>;
}
