import fc from 'fast-check';
import { Decimal } from 'decimal.js';
import { moneyTransformer } from './transformers.js';

const read = (value: string | null) => moneyTransformer.from(value) as string | null;

describe('moneyTransformer.from', () => {
  it('answers canonical decimal text for anything either engine stores', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^-?\d{1,12}(\.\d{0,12})?$/), (stored) => {
        expect(read(stored)).toBe(new Decimal(stored).toFixed());
      }),
      { numRuns: 20_000 },
    );
  });

  it('normalizes PostgreSQL NUMERIC text and keeps null', () => {
    expect(read('1.500000000000')).toBe('1.5');
    expect(read('-0.000000000000')).toBe('0');
    expect(read('0.000010000000')).toBe('0.00001');
    expect(read('-0')).toBe('0');
    expect(read(null)).toBeNull();
  });
});
