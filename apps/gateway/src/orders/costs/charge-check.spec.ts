import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { expectedNet, isChargeMismatch, type ReportedCharge } from './charge-check.js';

const expected = { cost: '1.5', currency: 'EUR', units: 1000 };
const said = (charge: string, more: Partial<ReportedCharge> = {}): ReportedCharge => ({
  charge: new Decimal(charge),
  currency: 'EUR',
  status: 'other',
  remains: null,
  ...more,
});

describe('upstream charge check', () => {
  it('accepts the price-list charge and anything within the tolerance', () => {
    expect(isChargeMismatch(expected, said('1.5'), '1')).toBe(false);
    expect(isChargeMismatch(expected, said('1.515'), '1')).toBe(false);
    expect(isChargeMismatch(expected, said('1.485'), '1')).toBe(false);
  });

  it('flags a charge 20 % above the price list, or just beyond the tolerance', () => {
    expect(isChargeMismatch(expected, said('1.8'), '1')).toBe(true);
    expect(isChargeMismatch(expected, said('1.5151'), '1')).toBe(true);
    expect(isChargeMismatch(expected, said('1.5'), '0')).toBe(false);
  });

  it('flags a charge in another currency', () => {
    expect(isChargeMismatch(expected, said('1.5', { currency: 'USD' }), '1')).toBe(true);
  });

  it('takes rounding at 5 decimals as no difference', () => {
    const tiny = { cost: '0.0000036', currency: 'EUR', units: 4 };
    expect(isChargeMismatch(tiny, said('0.00001'), '0')).toBe(true);
    expect(isChargeMismatch(tiny, said('0'), '0')).toBe(false);
  });

  it('accepts either the whole or the net charge once the order ended Partial or Canceled', () => {
    const partial = { status: 'partial' as const, remains: 250 };
    expect(expectedNet(expected, said('0', partial)).toFixed()).toBe('1.125');
    expect(isChargeMismatch(expected, said('1.125', partial), '1')).toBe(false);
    expect(isChargeMismatch(expected, said('1.5', partial), '1')).toBe(false);
    expect(isChargeMismatch(expected, said('1.3', partial), '1')).toBe(true);
    const canceled = { status: 'canceled' as const };
    expect(expectedNet(expected, said('0', canceled)).toFixed()).toBe('0');
    expect(isChargeMismatch(expected, said('0', canceled), '1')).toBe(false);
  });

  it('keeps the net exact for remains that do not divide the units', () => {
    const odd = { cost: '0.0111', currency: 'EUR', units: 3 };
    const net = expectedNet(odd, said('0', { status: 'partial', remains: 1 }));
    expect(net.toFixed()).toBe('0.0074');
  });
});
