import { Injectable } from '@nestjs/common';
import { Decimal } from 'decimal.js';
import { Transactions, type Tx } from '../../database/transactions.js';
import type { AttemptOutcome, OrderAttemptEntity } from '../entities/order-attempt.entity.js';
import type { OrderEntity } from '../entities/order.entity.js';
import { OrderEvents } from '../events/order-events.js';
import { OrdersRepository } from '../orders.repository.js';
import { PollSchedule } from '../sync/poll-schedule.service.js';
import { OrderMoney } from '../ports/order-money.port.js';
import type { OrderableService, RouteCandidate } from '../ports/order-routing.port.js';
import { attemptCost, orderCost } from '../costs/cost-columns.js';
import type { OrderDraft } from './order-draft.js';

/**
 * Every state change of a placement, each in its own transaction, so the database always says
 * which step an order reached (and a crash at any point is recoverable and visible).
 */
@Injectable()
export class OrderRecords {
  constructor(
    private readonly schedule: PollSchedule,
    private readonly transactions: Transactions,
    private readonly money: OrderMoney,
    private readonly orders: OrdersRepository,
    private readonly events: OrderEvents,
  ) {}

  /** The order, its first attempt and the wallet charge, in one transaction. */
  create(input: {
    partnerId: number;
    service: OrderableService;
    draft: OrderDraft;
    charge: Decimal;
    currency: string;
    /** What one unit of `currency` was worth in the base currency (reports; null: unknown). */
    chargeFx?: Decimal;
    first: RouteCandidate;
    idempotencyKey: string | null;
  }): Promise<{ order: OrderEntity; attempt: OrderAttemptEntity }> {
    return this.transactions.run(async (m) => {
      const { order, attempt } = await this.orders.insertOrder(
        m,
        {
          partnerId: input.partnerId,
          serviceId: input.service.id,
          serviceType: input.service.type,
          link: typeof input.draft.fields.link === 'string' ? input.draft.fields.link : null,
          quantity: input.draft.quantity,
          runs: input.draft.runs,
          interval: input.draft.interval,
          params: input.draft.params,
          charge: input.charge.toFixed(),
          currency: input.currency,
          providerId: input.first.providerId,
          upstreamServiceId: input.first.upstreamServiceId,
          canRefill: input.first.canRefill,
          canCancel: input.first.canCancel,
          idempotencyKey: input.idempotencyKey,
          chargeFx: input.chargeFx?.toFixed() ?? null,
          ...orderCost(input.first),
        },
        attemptOf(1, input.first),
        new Date(),
      );
      await this.money.charge(m, input.partnerId, order.id, input.charge);
      return { order, attempt };
    });
  }

  /** The order as stored now. */
  load(id: number): Promise<OrderEntity> {
    return this.orders.get(id);
  }

  /** A further attempt on the next offer (the previous one certainly did not take the order). */
  nextAttempt(
    order: OrderEntity,
    attemptNo: number,
    candidate: RouteCandidate,
  ): Promise<OrderAttemptEntity> {
    return this.transactions.run(async (m) => {
      await this.orders.switchOffer(m, order.id, {
        providerId: candidate.providerId,
        upstreamServiceId: candidate.upstreamServiceId,
        canRefill: candidate.canRefill,
        canCancel: candidate.canCancel,
        ...orderCost(candidate),
      });
      return this.insertAttempt(m, order.id, attemptNo, candidate);
    });
  }

  /** Written right before the call: from here on, a crash leaves the outcome unknown. */
  markSending(attempt: OrderAttemptEntity): Promise<void> {
    return this.setAttempt(attempt.id, 'sending', null, null);
  }

  endAttempt(
    attempt: OrderAttemptEntity,
    outcome: AttemptOutcome,
    reason: string,
    message: string,
  ): Promise<void> {
    return this.setAttempt(attempt.id, outcome, reason, message);
  }

  /** Placed upstream: the attempt and the order together. Answers the order as stored. */
  placed(
    order: OrderEntity,
    attempt: OrderAttemptEntity,
    upstreamOrderId: string,
  ): Promise<OrderEntity> {
    const at = new Date();
    const placed = { upstreamOrderId, nextPollAt: this.schedule.next(at, 0), at };
    return this.transactions.compound((m) => this.orders.placed(m, attempt, order.id, placed));
  }

  /** Sent without a usable answer: never another upstream; an admin or the reconciler decides. */
  ambiguous(
    order: OrderEntity,
    attempt: OrderAttemptEntity,
    reason: string,
    message: string,
  ): Promise<void> {
    const statusReason = `Upstream outcome unknown (${reason}): ${message}`;
    return this.transactions.run(async (m) => {
      await this.orders.markAmbiguous(
        m,
        { orderId: order.id, attemptId: attempt.id },
        reason,
        message,
        statusReason,
      );
      await this.events.needsReconciliation(m, order, attempt, statusReason);
    });
  }

  /** No upstream took it: the order fails and the whole charge goes back, exactly once. */
  fail(order: OrderEntity, reason: string): Promise<void> {
    return this.transactions.run((m) => this.failIn(m, order.id, reason));
  }

  async failIn(m: Tx, orderId: number, reason: string): Promise<void> {
    const current = await this.orders.lock(m, orderId);
    const charge = new Decimal(current.charge);
    await this.money.refund(m, current.partnerId, current.id, charge, `order ${current.id} failed`);
    await this.orders.update(m, current.id, {
      status: 'failed',
      statusReason: reason,
      refunded: charge.toFixed(),
      nextPollAt: null,
    });
    await this.events.changed(m, [current]);
  }

  private insertAttempt(
    m: Tx,
    orderId: number,
    attemptNo: number,
    candidate: RouteCandidate,
  ): Promise<OrderAttemptEntity> {
    return this.orders.insertAttempt(
      m,
      { orderId, ...attemptOf(attemptNo, candidate) },
      new Date(),
    );
  }

  private setAttempt(
    id: number,
    outcome: AttemptOutcome,
    reason: string | null,
    message: string | null,
  ) {
    const finished = outcome !== 'sending' && outcome !== 'prepared';
    return this.transactions.statement((m) =>
      this.orders.setAttempt(m, id, {
        outcome,
        reason,
        message,
        ...(finished ? { finishedAt: new Date() } : {}),
      }),
    );
  }
}

/** An attempt's columns for an offer. */
function attemptOf(attemptNo: number, candidate: RouteCandidate) {
  return {
    attemptNo,
    providerId: candidate.providerId,
    upstreamServiceId: candidate.upstreamServiceId,
    cost: candidate.cost.toFixed(),
    ...attemptCost(candidate),
  };
}
