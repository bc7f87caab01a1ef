import { DomainError } from '../../common/errors/domain-error.js';
import { assertWithinMaxCharge, orderCharge, partnerRate } from './partner-rate.js';

describe('partner rate = routed cost × (1 + markup/100), converted, rounded up at 5 decimals', () => {
  it('is the cost itself for markup 0 in the base currency', () => {
    expect(partnerRate('1.25', '0')).toBe('1.25');
  });

  it('applies the markup exactly', () => {
    expect(partnerRate('2', '12.5')).toBe('2.25');
    expect(partnerRate('0.1', '10')).toBe('0.11'); // 0.1 × 1.1 is 0.11 exactly, not 0.11000000000000001
  });

  it('rounds up, never down, at the fifth decimal', () => {
    expect(partnerRate('0.000011', '0')).toBe('0.00002');
    expect(partnerRate('1.000001', '0')).toBe('1.00001');
    expect(partnerRate('1.00001', '0')).toBe('1.00001');
    expect(partnerRate('0.333333', '50')).toBe('0.5'); // 0.4999995 → 0.50000
  });

  it("converts into the partner's currency before rounding", () => {
    // 10 USD at 1 EUR = 1.08 USD is 9.259259… EUR, rounded up to 9.25926
    expect(partnerRate('10', '0', '1.08')).toBe('9.25926');
    // markup then conversion: 10 × 1.2 / 1.08 = 11.111… → 11.11112
    expect(partnerRate('10', '20', '1.08')).toBe('11.11112');
    // a weak currency: 1 USD = 90 RUB, so one RUB is 1/90 USD
    expect(partnerRate('0.5', '10', '0.011111111111111111')).toBe('49.50001');
  });

  it('refuses a non-positive currency rate', () => {
    expect(() => partnerRate('1', '0', '0')).toThrow(RangeError);
  });
});

describe('order charge and maxCharge', () => {
  it('charges rate per 1000 × quantity, rounded up at 5 decimals', () => {
    expect(orderCharge('1.25', 1000)).toBe('1.25');
    expect(orderCharge('0.99', 150)).toBe('0.1485');
    expect(orderCharge('0.00123', 7)).toBe('0.00001'); // 0.00000861 rounds up
  });

  it('refuses a charge above maxCharge with 422 max_charge_exceeded, allows equal', () => {
    expect(() => assertWithinMaxCharge('5.00001', '5', 'USD')).toThrow(DomainError);
    try {
      assertWithinMaxCharge('5.00001', '5', 'USD');
    } catch (error) {
      expect((error as DomainError).code).toBe('max_charge_exceeded');
    }
    expect(() => assertWithinMaxCharge('5', '5.00000', 'USD')).not.toThrow();
    expect(() => assertWithinMaxCharge('5', undefined, 'USD')).not.toThrow();
  });
});
