import type { Decimal } from 'decimal.js';
import { DomainError } from '../../common/errors/domain-error.js';
import type { LedgerKind } from './ledger-entry.entity.js';

/**
 * The wallet's rules as pure functions: which sign each kind of movement has, and that no
 * movement takes a balance below zero.
 */

/** Refuses an amount whose sign does not fit its kind (credits/refunds up, charges down). */
export function assertSign(kind: LedgerKind, amount: Decimal): void {
  const ok =
    kind === 'charge'
      ? amount.isNegative() && !amount.isZero()
      : kind === 'adjustment'
        ? !amount.isZero()
        : amount.isPositive() && !amount.isZero();
  if (!ok) {
    throw new DomainError('unprocessable', `A ${kind} cannot move ${amount.toFixed()}.`);
  }
}

/**
 * A balance stays below 10^26: the largest amount a money column (numeric(38,12)) holds exactly.
 * Past it PostgreSQL would refuse the write ("numeric field overflow").
 */
export const BALANCE_LIMIT = '1e26';

/**
 * The balance after the movement; 422 insufficient_funds when it would fall below zero,
 * 422 balance_limit_exceeded when it would reach BALANCE_LIMIT.
 */
export function balanceAfter(balance: Decimal, amount: Decimal, currency: string): Decimal {
  const next = balance.plus(amount);
  if (next.abs().gte(BALANCE_LIMIT)) {
    throw new DomainError(
      'balance_limit_exceeded',
      `A balance must stay below 10^26 ${currency}; ${amount.toFixed()} would take it past that.`,
      { limit: '100000000000000000000000000', currency },
    );
  }
  if (amount.isNegative() && next.isNegative()) {
    throw new DomainError(
      'insufficient_funds',
      `The balance of ${balance.toFixed()} ${currency} does not cover ${amount.negated().toFixed()} ${currency}.`,
      { balance: balance.toFixed(), required: amount.negated().toFixed(), currency },
    );
  }
  return next;
}

/** Refunds of one reference may add up to what was charged for it, never more. */
export function assertRefundCovered(
  charged: Decimal,
  refunded: Decimal,
  amount: Decimal,
  reference: string,
): void {
  if (refunded.plus(amount).gt(charged)) {
    throw new DomainError(
      'refund_exceeds_charge',
      `Refunding ${amount.toFixed()} for ${reference} would exceed the ${charged.toFixed()} charged (${refunded.toFixed()} already refunded).`,
    );
  }
}
