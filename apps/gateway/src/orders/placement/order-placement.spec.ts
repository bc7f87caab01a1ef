import { Logger } from '@nestjs/common';
import type { AddOrderRequest, CallDiagnostics, PlacedOrder, SmmOutcome } from '#smm-protocol';
import { RETRY_ELSEWHERE, type RejectionReason } from '#smm-protocol';
import { Decimal } from 'decimal.js';
import { DomainError } from '../../common/errors/domain-error.js';
import type { AppConfig } from '../../config/app-config.js';
import type { AttemptOutcome, OrderAttemptEntity } from '../entities/order-attempt.entity.js';
import type { OrderEntity } from '../entities/order.entity.js';
import { OrderMoney } from '../ports/order-money.port.js';
import {
  OrderRouting,
  type OrderableService,
  type RouteCandidate,
  type RouteExclusion,
} from '../ports/order-routing.port.js';
import { UpstreamOrders } from '../ports/upstream-orders.port.js';
import type { OrderDraft } from './order-draft.js';
import { OrderPlacementService } from './order-placement.service.js';
import type { OrderRecords } from './order-records.js';
import type { PlaceOrder } from './place-order.js';

// The placement rules as scenarios over hand-written fakes of its ports: no database, no HTTP.

const diagnostics: CallDiagnostics = {
  action: 'add',
  method: 'POST',
  url: 'http://panel.test/api/v2',
  request: '',
  httpStatus: 200,
  response: null,
  durationMs: 1,
};

const placed = (orderId: string): SmmOutcome<PlacedOrder> => ({
  kind: 'success',
  value: { orderId },
  diagnostics,
});
const refused = (
  reason: RejectionReason,
  message = `refused: ${reason}`,
): SmmOutcome<PlacedOrder> => ({
  kind: 'rejected',
  reason,
  retryElsewhere: RETRY_ELSEWHERE[reason],
  message,
  diagnostics,
});
const unreachable: SmmOutcome<PlacedOrder> = {
  kind: 'failed',
  cause: 'connection_refused',
  message: 'connection refused',
  diagnostics,
};
const noAnswer: SmmOutcome<PlacedOrder> = {
  kind: 'ambiguous',
  cause: 'response_timeout',
  message: 'no response within 10 s',
  diagnostics,
};

const DEFAULT_SERVICE: OrderableService = {
  id: 7,
  name: 'Followers',
  type: 'Default',
  refill: false,
  cancel: false,
  dripfeed: false,
};

/** An offer of provider `providerId` costing `cost` (base currency) for the whole order. */
function offer(providerId: number, cost: string): RouteCandidate {
  const total = new Decimal(cost);
  return {
    providerId,
    upstreamServiceId: `up-${providerId}`,
    cost: total,
    rate: total,
    units: 1000,
    perPackage: false,
    canRefill: false,
    canCancel: false,
    upstream: {
      rate: total,
      currency: 'USD',
      fx: new Decimal(1),
      cost: total,
      nextBestCost: null,
      maxCost: total,
    },
  };
}

class FakeRouting extends OrderRouting {
  constructor(
    private readonly ranked: RouteCandidate[],
    private readonly excluded: RouteExclusion[] = [],
    private readonly service: OrderableService | null = DEFAULT_SERVICE,
  ) {
    super();
  }
  findService(): Promise<OrderableService | null> {
    return Promise.resolve(this.service);
  }
  route(): Promise<{ ranked: RouteCandidate[]; excluded: RouteExclusion[] }> {
    return Promise.resolve({ ranked: this.ranked, excluded: this.excluded });
  }
  readonly refusals: Array<{ providerId: number; message: string }> = [];
  offerRefused(offer: { providerId: number }, message: string): Promise<void> {
    this.refusals.push({ providerId: offer.providerId, message });
    return Promise.resolve();
  }
}

/** A wallet per partner: the charge is the cheapest offer's cost, refunds at most once per order. */
class FakeMoney extends OrderMoney {
  readonly balance = new Map<number, Decimal>([[1, new Decimal(100)]]);
  readonly refunded = new Map<number, Decimal>();
  charges = 0;

  priceFor(_partnerId: number, candidate: RouteCandidate) {
    return Promise.resolve({ charge: candidate.cost, currency: 'USD', fx: new Decimal(1) });
  }
  charge(_m: unknown, partnerId: number, _orderId: number, amount: Decimal): Promise<void> {
    this.charges += 1;
    this.balance.set(partnerId, this.balance.get(partnerId)!.minus(amount));
    return Promise.resolve();
  }
  refund(_m: unknown, partnerId: number, orderId: number, amount: Decimal): Promise<boolean> {
    if (this.refunded.has(orderId)) return Promise.resolve(false);
    this.refunded.set(orderId, amount);
    this.balance.set(partnerId, this.balance.get(partnerId)!.plus(amount));
    return Promise.resolve(true);
  }
}

/** Upstreams answering from a script per provider; every call is recorded. */
type Answer = SmmOutcome<PlacedOrder> | (() => Promise<SmmOutcome<PlacedOrder>>);

class FakeUpstreams extends UpstreamOrders {
  readonly calls: number[] = [];
  constructor(private readonly answers: Record<number, Answer>) {
    super();
  }
  add(providerId: number, _order: AddOrderRequest): Promise<SmmOutcome<PlacedOrder>> {
    this.calls.push(providerId);
    const answer = this.answers[providerId] ?? unreachable;
    return typeof answer === 'function' ? answer() : Promise.resolve(answer);
  }
  statuses = unused;
  refill = unused;
  refillStatuses = unused;
  cancel = unused;
}

function unused(): never {
  throw new Error('not part of placement');
}

/** The order's rows in memory, written as OrderRecords writes them (charge with the order). */
class MemoryRecords {
  readonly attempts: OrderAttemptEntity[] = [];
  order: OrderEntity | undefined;

  constructor(private readonly money: FakeMoney) {}

  async create(input: {
    partnerId: number;
    draft: OrderDraft;
    charge: Decimal;
    currency: string;
    first: RouteCandidate;
    idempotencyKey: string | null;
  }) {
    this.order = {
      id: 1,
      partnerId: input.partnerId,
      status: 'placing',
      charge: input.charge.toFixed(),
      refunded: '0',
      params: input.draft.params,
      providerId: input.first.providerId,
      createdAt: new Date(),
    } as OrderEntity;
    await this.money.charge(null, input.partnerId, 1, input.charge);
    return { order: this.order, attempt: this.attempt(1, input.first) };
  }
  load() {
    return Promise.resolve(this.order!);
  }
  nextAttempt(_order: OrderEntity, attemptNo: number, candidate: RouteCandidate) {
    return Promise.resolve(this.attempt(attemptNo, candidate));
  }
  markSending(attempt: OrderAttemptEntity) {
    return this.end(attempt, 'sending');
  }
  endAttempt(attempt: OrderAttemptEntity, outcome: AttemptOutcome) {
    return this.end(attempt, outcome);
  }
  placed(order: OrderEntity, attempt: OrderAttemptEntity, upstreamOrderId: string) {
    attempt.outcome = 'placed';
    Object.assign(order, { status: 'pending', upstreamOrderId, providerId: attempt.providerId });
    return Promise.resolve(order);
  }
  ambiguous(order: OrderEntity, attempt: OrderAttemptEntity) {
    attempt.outcome = 'ambiguous';
    order.status = 'needs_reconciliation';
    return Promise.resolve();
  }
  async fail(order: OrderEntity) {
    await this.money.refund(null, order.partnerId, order.id, new Decimal(order.charge));
    Object.assign(order, { status: 'failed', refunded: order.charge });
  }

  private attempt(attemptNo: number, candidate: RouteCandidate): OrderAttemptEntity {
    const attempt = {
      id: attemptNo,
      orderId: 1,
      attemptNo,
      providerId: candidate.providerId,
      upstreamServiceId: candidate.upstreamServiceId,
      outcome: 'prepared',
    } as OrderAttemptEntity;
    this.attempts.push(attempt);
    return attempt;
  }
  private end(attempt: OrderAttemptEntity, outcome: AttemptOutcome) {
    attempt.outcome = outcome;
    return Promise.resolve();
  }
}

const ORDER: PlaceOrder = {
  partnerId: 1,
  serviceId: 7,
  fields: { link: 'https://instagram.com/p/1', quantity: 1000 },
  idempotencyKey: null,
};

function market(
  offers: RouteCandidate[],
  answers: Record<number, Answer>,
  options: {
    maxAttempts?: number;
    answerMs?: number;
    excluded?: RouteExclusion[];
    service?: null;
  } = {},
) {
  const money = new FakeMoney();
  const upstream = new FakeUpstreams(answers);
  const records = new MemoryRecords(money);
  const routing = new FakeRouting(
    offers,
    options.excluded,
    options.service === null ? null : DEFAULT_SERVICE,
  );
  const config = {
    orders: { maxAttempts: options.maxAttempts ?? 3, placementAnswerMs: options.answerMs ?? 5000 },
    database: { kind: 'sqlite', url: 'sqlite::memory:', path: ':memory:' },
  } as AppConfig;
  const placement = new OrderPlacementService(
    routing,
    money,
    upstream,
    records as unknown as OrderRecords,
    config,
  );
  return {
    place: (order: PlaceOrder = ORDER) => placement.place(order),
    routing,
    money,
    upstream,
    records,
    balance: () => money.balance.get(1)!.toFixed(),
  };
}

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected the placement to be refused');
}

describe('order placement', () => {
  beforeAll(() => Logger.overrideLogger(false));

  it('places on the cheapest offer and charges its price once', async () => {
    const m = market([offer(1, '2'), offer(2, '3')], { 1: placed('a'), 2: placed('b') });
    const order = await m.place();
    expect(order.status).toBe('pending');
    expect(order.upstreamOrderId).toBe('a');
    expect(m.upstream.calls).toEqual([1]);
    expect(m.money.charges).toBe(1);
    expect(m.balance()).toBe('98');
  });

  it('fails over when the cheapest refuses retryably (its own funds)', async () => {
    const m = market([offer(1, '2'), offer(2, '3')], {
      1: refused('insufficient_funds'),
      2: placed('b'),
    });
    const order = await m.place();
    expect(order.upstreamOrderId).toBe('b');
    expect(m.upstream.calls).toEqual([1, 2]);
    expect(m.records.attempts.map((a) => a.outcome)).toEqual(['rejected', 'placed']);
    // Charged once, at the price routing chose: failing over never charges again.
    expect(m.money.charges).toBe(1);
    expect(m.balance()).toBe('98');
  });

  it('fails over when the cheapest is unreachable (nothing was sent)', async () => {
    const m = market([offer(1, '2'), offer(2, '3')], { 1: unreachable, 2: placed('b') });
    expect((await m.place()).upstreamOrderId).toBe('b');
    expect(m.records.attempts.map((a) => a.outcome)).toEqual(['failed', 'placed']);
  });

  it('never fails over an ambiguous add: the order waits for reconciliation, still charged', async () => {
    const m = market([offer(1, '2'), offer(2, '3')], { 1: noAnswer, 2: placed('b') });
    const order = await m.place();
    expect(order.status).toBe('needs_reconciliation');
    expect(m.upstream.calls).toEqual([1]);
    expect(m.money.refunded.size).toBe(0);
    expect(m.balance()).toBe('98');
  });

  it('does not fail over a refusal about the request itself; refunds it', async () => {
    const m = market([offer(1, '2'), offer(2, '3')], { 1: refused('bad_link'), 2: placed('b') });
    const error = await refusal(m.place());
    expect(error.code).toBe('order_rejected');
    expect(m.upstream.calls).toEqual([1]);
    expect(m.records.order!.status).toBe('failed');
    expect(m.balance()).toBe('100');
  });

  it('fails over "active order with this link": a refusal of the shared account there', async () => {
    const m = market([offer(1, '2'), offer(2, '3')], {
      1: refused('duplicate_active_order'),
      2: placed('b'),
    });
    expect((await m.place()).upstreamOrderId).toBe('b');
    expect(m.upstream.calls).toEqual([1, 2]);
  });

  it('refunds exactly the charge, once, when every upstream refuses', async () => {
    const m = market([offer(1, '2'), offer(2, '3')], {
      1: refused('quantity_out_of_range'),
      2: refused('unknown_service'),
    });
    const error = await refusal(m.place());
    expect(error.code).toBe('order_rejected');
    expect(error.extensions).toMatchObject({ reason: 'unknown_service' });
    expect(m.upstream.calls).toEqual([1, 2]);
    expect(m.money.refunded.get(1)!.toFixed()).toBe('2');
    expect(m.balance()).toBe('100');
  });

  it('a quantity every upstream refuses keeps its meaning, with the limit; the offers are corrected', async () => {
    const m = market([offer(1, '2'), offer(2, '3')], {
      1: refused('quantity_out_of_range', 'Quantity less than minimal 200'),
      2: refused('quantity_out_of_range', 'Quantity less than minimal 500'),
    });
    const error = await refusal(m.place());
    expect(error.code).toBe('quantity_out_of_range');
    expect(error.extensions).toMatchObject({ min: 500 });
    expect(m.routing.refusals.map((r) => r.providerId)).toEqual([1, 2]);
    expect(m.balance()).toBe('100');
  });

  it('answers upstreams_unavailable (a retry may succeed) when every upstream is down', async () => {
    const m = market([offer(1, '2'), offer(2, '3')], {
      1: unreachable,
      2: refused('rate_limited'),
    });
    const error = await refusal(m.place());
    expect(error.code).toBe('upstreams_unavailable');
    expect(m.balance()).toBe('100');
  });

  it('stops after ORDER_MAX_ATTEMPTS upstreams', async () => {
    const offers = [offer(1, '1'), offer(2, '2'), offer(3, '3')];
    const m = market(
      offers,
      { 1: unreachable, 2: unreachable, 3: placed('c') },
      { maxAttempts: 2 },
    );
    await refusal(m.place());
    expect(m.upstream.calls).toEqual([1, 2]);
    expect(m.balance()).toBe('100');
  });

  it('refuses above maxCharge before charging or calling anyone', async () => {
    const m = market([offer(1, '2')], { 1: placed('a') });
    const error = await refusal(m.place({ ...ORDER, maxCharge: '1.5' }));
    expect(error.code).toBe('max_charge_exceeded');
    expect(m.upstream.calls).toEqual([]);
    expect(m.money.charges).toBe(0);
  });

  it('explains why when no offer can take the order, without charging', async () => {
    const excluded = [
      { providerId: 1, upstreamServiceId: 'up-1', reasons: ['quantity_below_min'] },
    ];
    const m = market([], {}, { excluded });
    const error = await refusal(m.place());
    expect(error.code).toBe('no_eligible_offer');
    expect(error.extensions).toEqual({ reasons: ['quantity_below_min'] });
    expect(m.money.charges).toBe(0);
  });

  it('refuses an unknown service and fields its type does not take, as field errors', async () => {
    const unknown = market([offer(1, '2')], {}, { service: null });
    expect((await refusal(unknown.place())).code).toBe('validation_failed');
    const m = market([offer(1, '2')], { 1: placed('a') });
    const error = await refusal(m.place({ ...ORDER, fields: { ...ORDER.fields, runs: 2 } }));
    expect(error.code).toBe('validation_failed');
    expect(m.upstream.calls).toEqual([]);
    expect(m.money.charges).toBe(0);
  });

  describe('answering in time (PLACEMENT_ANSWER_MS)', () => {
    /** An upstream that answers once `release()` is called. */
    function later(outcome: SmmOutcome<PlacedOrder>) {
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      return { answer: () => gate.then(() => outcome), release };
    }
    const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

    it('answers a silent upstream with the order as it stands, then places it in the background', async () => {
      const slow = later(placed('a'));
      const m = market([offer(1, '2')], { 1: slow.answer }, { answerMs: 30 });
      const order = await m.place();
      expect(order.status).toBe('placing'); // partners read it as pending
      slow.release();
      await settle();
      expect(m.records.order!.status).toBe('pending');
      expect(m.records.order!.upstreamOrderId).toBe('a');
      expect(m.balance()).toBe('98');
    });

    it('a refusal after the answer fails and refunds the order (same rules)', async () => {
      const slow = later(refused('bad_link'));
      const m = market([offer(1, '2')], { 1: slow.answer }, { answerMs: 30 });
      expect((await m.place()).status).toBe('placing');
      slow.release();
      await settle();
      expect(m.records.order!.status).toBe('failed');
      expect(m.balance()).toBe('100');
    });

    it('an answer within the time is answered as before', async () => {
      const m = market([offer(1, '2')], { 1: placed('a') }, { answerMs: 30 });
      expect((await m.place()).status).toBe('pending');
    });
  });
});
