import { DomainError } from '../../common/errors/domain-error.js';
import { Money } from '../../common/money/money.js';
import { assertRefundCovered, assertSign, balanceAfter } from './ledger-rules.js';

const d = (v: string) => new Money(v);
const codeOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (error) {
    return (error as DomainError).code;
  }
  return 'none';
};

describe('wallet rules', () => {
  it('charges exactly down to zero, and not one unit past it', () => {
    expect(balanceAfter(d('3.33333'), d('-3.33333'), 'USD').toFixed()).toBe('0');
    expect(codeOf(() => balanceAfter(d('3.33333'), d('-3.333330000001'), 'USD'))).toBe(
      'insufficient_funds',
    );
  });

  it('keeps a balance below 10^26, what the ledger stores exactly', () => {
    const top = d('99999999999999999999999999.999999999999');
    expect(balanceAfter(d('99999999999999999999999999'), d('0.999999999999'), 'USD').eq(top)).toBe(
      true,
    );
    expect(codeOf(() => balanceAfter(top, d('0.000000000001'), 'USD'))).toBe(
      'balance_limit_exceeded',
    );
    expect(codeOf(() => balanceAfter(d('6e25'), d('5e25'), 'USD'))).toBe('balance_limit_exceeded');
  });

  it('adds without floating-point drift', () => {
    let balance = d('0');
    for (let i = 0; i < 10; i++) balance = balanceAfter(balance, d('0.1'), 'USD');
    expect(balance.toFixed()).toBe('1');
    expect(balanceAfter(d('0.3'), d('-0.1'), 'USD').toFixed()).toBe('0.2');
  });

  it('lets a credit through whatever the balance', () => {
    expect(balanceAfter(d('0'), d('5'), 'EUR').toFixed()).toBe('5');
  });

  it('gives each kind its sign', () => {
    expect(codeOf(() => assertSign('charge', d('-1')))).toBe('none');
    expect(codeOf(() => assertSign('charge', d('1')))).toBe('unprocessable');
    expect(codeOf(() => assertSign('refund', d('-1')))).toBe('unprocessable');
    expect(codeOf(() => assertSign('credit', d('0')))).toBe('unprocessable');
    expect(codeOf(() => assertSign('adjustment', d('-2')))).toBe('none');
    expect(codeOf(() => assertSign('adjustment', d('0')))).toBe('unprocessable');
  });

  it('bounds refunds of a reference by what was charged for it', () => {
    expect(codeOf(() => assertRefundCovered(d('10'), d('4'), d('6'), 'order 1'))).toBe('none');
    expect(codeOf(() => assertRefundCovered(d('10'), d('4'), d('6.00001'), 'order 1'))).toBe(
      'refund_exceeds_charge',
    );
  });
});
