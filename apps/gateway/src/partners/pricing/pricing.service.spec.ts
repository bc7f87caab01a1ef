import type { AppConfig } from '../../config/app-config.js';
import type { PartnerEntity } from '../partner.entity.js';
import type { PartnersRepository } from '../partners.repository.js';
import { CurrencyRates } from './currency-rates.js';
import { PricingService } from './pricing.service.js';

class FakeRates extends CurrencyRates {
  readonly asked: string[] = [];
  constructor(private readonly table: Record<string, string>) {
    super();
  }
  toBase(currency: string): Promise<string | undefined> {
    this.asked.push(currency);
    return Promise.resolve(this.table[currency]);
  }
}

const partners = (rows: Partial<PartnerEntity>[]) =>
  ({
    terms: async (id: number) => {
      const row = rows.find((r) => r.id === id);
      return row ? { currency: row.currency!, markupPercent: row.markupPercent! } : null;
    },
  }) as unknown as PartnersRepository;

const config = { catalog: { baseCurrency: 'USD' } } as AppConfig;

describe('PricingService', () => {
  const service = new PricingService(
    config,
    partners([
      { id: 1, currency: 'USD', markupPercent: '10' },
      { id: 2, currency: 'EUR', markupPercent: '20' },
      { id: 3, currency: 'JPY', markupPercent: '0' },
    ]),
  );

  it('prices a base-currency partner without asking for a rate', async () => {
    const rates = new FakeRates({});
    expect(await service.quote(1, ['1', '0.123456'], rates)).toEqual({
      currency: 'USD',
      rates: ['1.1', '0.13581'],
      basePerUnit: '1',
    });
    expect(rates.asked).toEqual([]);
  });

  it('converts once per quote into the partner currency, then rounds up', async () => {
    const rates = new FakeRates({ EUR: '1.08' });
    expect(await service.quote(2, ['10', '1'], rates)).toEqual({
      currency: 'EUR',
      rates: ['11.11112', '1.11112'],
      basePerUnit: '1.08',
    });
    expect(rates.asked).toEqual(['EUR']);
  });

  it('shows cost prices in the base currency to callers without a partner', async () => {
    expect(await service.quote(null, ['0.5'], new FakeRates({}))).toEqual({
      currency: 'USD',
      rates: ['0.5'],
      basePerUnit: '1',
    });
  });

  it('answers currency_rate_unavailable when the rate is unknown, not_found for a missing partner', async () => {
    await expect(service.quote(3, ['1'], new FakeRates({}))).rejects.toMatchObject({
      code: 'currency_rate_unavailable',
    });
    await expect(service.quote(9, ['1'], new FakeRates({}))).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('prices an order from the listed rate: rate × quantity ÷ 1000, rounded up', async () => {
    // rate = ceil5(0.333333 × 1.1) = 0.36667; charge = 0.36667 × 250 / 1000 = 0.0916675 → 0.09167
    expect(await service.priceOrder(1, '0.333333', 250, new FakeRates({}))).toEqual({
      currency: 'USD',
      rate: '0.36667',
      charge: '0.09167',
      basePerUnit: '1',
    });
  });
});
