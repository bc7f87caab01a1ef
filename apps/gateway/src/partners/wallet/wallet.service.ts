import { Injectable, Optional } from '@nestjs/common';
import { Metrics } from '../../observability/metrics.js';
import type { Decimal } from 'decimal.js';
import { DomainError, notFound } from '../../common/errors/domain-error.js';
import { Transactions, type Tx } from '../../database/transactions.js';
import { decodeCursor, toPage, type Page } from '../../common/http/cursor.js';
import { canonical, money, Money } from '../../common/money/money.js';
import { DEFAULT_PAGE_SIZE } from '../../common/http/page-query.dto.js';
import { isUniqueViolation } from '../../database/unique-violation.js';
import { LedgerEntryEntity, type LedgerKind } from './ledger-entry.entity.js';
import { WalletRepository } from './wallet.repository.js';
import { WebhookOutbox } from '../../webhooks/webhook-outbox.js';
import { assertRefundCovered, assertSign, balanceAfter } from './ledger-rules.js';

/** What a movement is about, e.g. `{ type: 'order', id: 123 }`. */
export interface LedgerReference {
  type: string;
  id: string | number;
}

export interface MovementRequest {
  partnerId: number;
  /** Positive, in the partner's currency (a decimal string or Decimal, never a JS number). */
  amount: string | Decimal;
  reference: LedgerReference;
  /** Unique across the ledger, e.g. `order:123:charge`: the same key is never applied twice. */
  key: string;
  reason?: string;
  /** Who caused it, for the ledger row (defaults to none: a system movement). */
  actor?: string;
  /**
   * The reference was created in the caller's transaction (e.g. the order being placed), so no
   * movement can hold this key yet: the replay lookup is skipped (one statement fewer under the
   * wallet lock). A key in use anyway still fails as a conflict, on the ledger's unique index.
   */
  newReference?: boolean;
}

export interface AdjustmentRequest extends Omit<MovementRequest, 'amount'> {
  /** Signed: positive adds, negative removes (never below zero). */
  amount: string | Decimal;
}

export interface LedgerMovement {
  entry: LedgerEntryEntity;
  /** False when the key had already been applied: the existing entry is returned, nothing moved. */
  applied: boolean;
}

export interface Balance {
  balance: string;
  currency: string;
  lowBalanceThreshold: string | null;
}

/**
 * The wallet: an append-only ledger and a balance that is always its sum. Every movement runs
 * inside the caller's transaction (a manager from `Transactions.run`), so an order row and its
 * charge commit or roll back together. The wallet row is locked (PostgreSQL FOR UPDATE; on
 * SQLite transactions are already serialized) before the balance is read, so concurrent charges
 * can never spend the same money twice.
 */
@Injectable()
export class WalletService {
  constructor(
    private readonly transactions: Transactions,
    private readonly wallet: WalletRepository,
    private readonly outbox: WebhookOutbox,
    @Optional() private readonly metrics?: Metrics,
  ) {}

  /** Takes `amount` from the wallet; 422 insufficient_funds when the balance does not cover it. */
  charge(m: Tx, request: MovementRequest): Promise<LedgerMovement> {
    return this.post(m, 'charge', money(request.amount).negated(), request);
  }

  /**
   * Gives back up to what was charged for the same reference. Idempotent by key: a second
   * refund with the same key is a no-op returning the first entry.
   */
  refund(m: Tx, request: MovementRequest): Promise<LedgerMovement> {
    return this.post(m, 'refund', money(request.amount), request);
  }

  /** Adds money (an operator top-up, a payment received). */
  credit(m: Tx, request: MovementRequest): Promise<LedgerMovement> {
    return this.post(m, 'credit', money(request.amount), request);
  }

  /** An operator correction, either sign; never takes the balance below zero. */
  adjust(m: Tx, request: AdjustmentRequest): Promise<LedgerMovement> {
    return this.post(m, 'adjustment', money(request.amount), request);
  }

  /** The balance, read in a transaction so it never shows a movement that may still roll back. */
  balance(partnerId: number): Promise<Balance> {
    return this.transactions.run(async (m) => {
      const wallet = await this.wallet.findWallet(m, partnerId);
      if (!wallet) throw notFound('Partner', partnerId);
      return {
        balance: wallet.balance,
        currency: wallet.currency,
        lowBalanceThreshold: wallet.lowBalanceThreshold,
      };
    });
  }

  /** Sets (null: clears) the balance below which balance.low is sent. */
  async setLowBalanceThreshold(partnerId: number, threshold: string | null): Promise<Balance> {
    const value = threshold === null ? null : canonical(money(threshold));
    const found = await this.transactions.run((m) =>
      this.wallet.setLowBalanceThreshold(m, partnerId, value),
    );
    if (!found) throw notFound('Partner', partnerId);
    return this.balance(partnerId);
  }

  /** The partner's ledger, newest first. */
  async ledger(
    partnerId: number,
    page: { cursor?: string; limit?: number },
  ): Promise<Page<LedgerEntryEntity>> {
    const after = decodeCursor(page.cursor);
    const limit = page.limit ?? DEFAULT_PAGE_SIZE;
    if (!(await this.wallet.exists(partnerId))) throw notFound('Partner', partnerId);
    const rows = await this.wallet.entries(partnerId, { before: after, take: limit + 1 });
    return toPage(rows, limit);
  }

  /** One entry of the partner's ledger; another partner's entry is a 404 like a missing one. */
  async entry(partnerId: number, entryId: number): Promise<LedgerEntryEntity> {
    const entry = await this.wallet.entry(partnerId, entryId);
    if (!entry) throw notFound('Ledger entry', entryId);
    return entry;
  }

  /** Balance and ledger sum side by side, both exact: they must always be equal. */
  async reconcile(
    partnerId: number,
  ): Promise<{ balance: string; ledgerSum: string; consistent: boolean }> {
    return this.transactions.run(async (m) => {
      const wallet = await this.wallet.findWallet(m, partnerId);
      if (!wallet) throw notFound('Partner', partnerId);
      const amounts = await this.wallet.amounts(m, partnerId);
      const sum = amounts.reduce((acc, amount) => acc.plus(amount), new Money(0));
      return {
        balance: wallet.balance,
        ledgerSum: canonical(sum),
        consistent: sum.eq(wallet.balance),
      };
    });
  }

  private async post(
    m: Tx,
    kind: LedgerKind,
    amount: Decimal,
    request: MovementRequest,
  ): Promise<LedgerMovement> {
    assertSign(kind, amount);
    const reference = { type: request.reference.type, id: String(request.reference.id) };
    const wallet = await this.wallet.lockWallet(m, request.partnerId);
    if (!wallet) throw notFound('Partner', request.partnerId);

    // Under the wallet lock, an earlier movement with this key is visible: replay, don't re-apply.
    const existing = request.newReference ? null : await this.wallet.entryByKey(m, request.key);
    if (existing)
      return {
        entry: sameMovement(existing, request.partnerId, kind, amount, reference),
        applied: false,
      };

    if (kind === 'refund') await this.assertRefundable(m, request.partnerId, reference, amount);
    const next = balanceAfter(new Money(wallet.balance), amount, wallet.currency);
    const entry = Object.assign(new LedgerEntryEntity(), {
      partnerId: request.partnerId,
      kind,
      amount: canonical(amount),
      balanceAfter: canonical(next),
      currency: wallet.currency,
      reason: (request.reason ?? defaultReason(kind, reference)).slice(0, 500),
      referenceType: reference.type,
      referenceId: reference.id,
      key: request.key,
      actor: request.actor ?? null,
    });
    try {
      await this.wallet.append(m, entry, canonical(next));
    } catch (error) {
      // Only reachable when another partner's movement holds the key (different wallet lock).
      if (isUniqueViolation(error)) throw keyConflict(request.key);
      throw error;
    }
    const threshold = wallet.lowBalanceThreshold;
    if (threshold !== null && !new Money(wallet.balance).lt(threshold) && next.lt(threshold)) {
      await this.outbox.emit(m, [
        {
          audience: request.partnerId,
          type: 'balance.low',
          data: { balance: canonical(next), threshold, currency: wallet.currency },
        },
      ]);
    }
    // Counted when applied inside its transaction (a rare rollback after this is still counted).
    this.metrics?.walletMovements.inc({ kind });
    return { entry, applied: true };
  }

  private async assertRefundable(
    m: Tx,
    partnerId: number,
    reference: { type: string; id: string },
    amount: Decimal,
  ): Promise<void> {
    const rows = await this.wallet.movementsOf(m, partnerId, reference);
    const total = (kind: LedgerKind) =>
      rows.filter((r) => r.kind === kind).reduce((acc, r) => acc.plus(r.amount), new Money(0));
    assertRefundCovered(
      total('charge').negated(),
      total('refund'),
      amount,
      `${reference.type} ${reference.id}`,
    );
  }
}

/** A replayed key must describe the same movement; anything else is a caller bug worth a 409. */
function sameMovement(
  existing: LedgerEntryEntity,
  partnerId: number,
  kind: LedgerKind,
  amount: Decimal,
  reference: { type: string; id: string },
): LedgerEntryEntity {
  const same =
    existing.partnerId === partnerId &&
    existing.kind === kind &&
    amount.eq(existing.amount) &&
    existing.referenceType === reference.type &&
    existing.referenceId === reference.id;
  if (!same) throw keyConflict(existing.key);
  return existing;
}

const keyConflict = (key: string): DomainError =>
  new DomainError(
    'ledger_key_conflict',
    `Ledger key ${key} is already used by a different movement.`,
    { key },
  );

const defaultReason = (kind: LedgerKind, reference: { type: string; id: string }): string =>
  `${kind} for ${reference.type} ${reference.id}`;
