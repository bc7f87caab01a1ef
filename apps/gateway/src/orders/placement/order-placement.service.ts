import { Injectable, Logger, Optional } from '@nestjs/common';
import { Metrics, type PlacementOutcome } from '../../observability/metrics.js';
import type { SmmOutcome, PlacedOrder } from '#smm-protocol';
import { DomainError, ValidationFailedError } from '../../common/errors/domain-error.js';
import { AppConfig } from '../../config/app-config.js';
import type { OrderAttemptEntity } from '../entities/order-attempt.entity.js';
import type { OrderEntity } from '../entities/order.entity.js';
import { OrderMoney } from '../ports/order-money.port.js';
import {
  OrderRouting,
  type RouteCandidate,
  type RouteExclusion,
} from '../ports/order-routing.port.js';
import { UpstreamOrders } from '../ports/upstream-orders.port.js';
import { LoopTurns } from './loop-turns.js';
import { Slots } from './slots.js';
import { draftOrder } from './order-draft.js';
import { quantityLimits } from './quantity-limits.js';
import { OrderRecords } from './order-records.js';
import type { PlaceOrder } from './place-order.js';

interface AttemptSummary {
  readonly attempt: number;
  readonly outcome: string;
  readonly reason: string;
  /** The upstream's own message (refusals only), for a refusal no other upstream took. */
  readonly message?: string;
}

/**
 * The path of one order (DESIGN "The path of one order"): route, then order + first attempt +
 * charge in one transaction, then the upstream call. A certain refusal that another upstream may
 * take moves to the next offer; a refusal nobody will take fails the order and refunds it;
 * an ambiguous outcome never goes elsewhere — the order waits for reconciliation.
 */
@Injectable()
export class OrderPlacementService {
  private readonly logger = new Logger('OrderPlacement');
  /** A burst of placements starts over several loop turns, never in one long stall. */
  private readonly turns = new LoopTurns();
  /** Order + charge transactions at once: half the PostgreSQL pool (SQLite runs one anyway). */
  private readonly recording: Slots;

  constructor(
    private readonly routing: OrderRouting,
    private readonly money: OrderMoney,
    private readonly upstream: UpstreamOrders,
    private readonly records: OrderRecords,
    private readonly config: AppConfig,
    @Optional() private readonly metrics?: Metrics,
  ) {
    const db = config.database;
    this.recording = new Slots(db.kind === 'postgres' ? Math.max(1, db.poolSize >> 1) : Infinity);
  }

  /**
   * Places the order; answers it as stored once placed (or waiting for reconciliation), or as it
   * stands (pending) when the upstreams have not answered within PLACEMENT_ANSWER_MS: the
   * placement then finishes in the background under the same rules (a refusal everywhere fails
   * and refunds it), crash-safe as ever since every step is recorded before it is taken.
   */
  async place(command: PlaceOrder): Promise<OrderEntity> {
    const trace = { attemptNo: 0 };
    let started: { order: OrderEntity; driving: Promise<OrderEntity> };
    try {
      started = await this.begin(command, trace);
    } catch (error) {
      this.countRefusal(error);
      throw error;
    }
    const settled = started.driving.then(
      (order) => {
        this.metrics?.placement(placementOutcome(order, trace.attemptNo));
        return order;
      },
      (error: unknown) => {
        this.countRefusal(error);
        throw error;
      },
    );
    const answer = await within(settled, this.config.orders.placementAnswerMs);
    if (answer) return answer.order;
    settled.catch((error: unknown) => {
      // Refusals are recorded on the order (failed, refunded); anything else is a bug to see.
      if (!(error instanceof DomainError)) {
        this.logger.error({ err: error, orderId: started.order.id }, 'Background placement failed');
      }
    });
    return this.records.load(started.order.id);
  }

  private countRefusal(error: unknown): void {
    const outcome = error instanceof DomainError ? FAILED_PLACEMENTS[error.code] : undefined;
    if (outcome) this.metrics?.placement(outcome);
  }

  /** Routes, prices and records the order (charged); answers it with its placement under way. */
  private async begin(
    command: PlaceOrder,
    trace: { attemptNo: number },
  ): Promise<{ order: OrderEntity; driving: Promise<OrderEntity> }> {
    const { partnerId, idempotencyKey, maxCharge } = command;
    await this.turns.turn();
    const service = await this.routing.findService(command.serviceId);
    if (!service) {
      throw new ValidationFailedError([
        { field: 'serviceId', message: `service ${command.serviceId} does not exist` },
      ]);
    }
    const { draft, errors } = draftOrder(service, command);
    if (!draft) throw new ValidationFailedError(errors);

    const { ranked, excluded } = await this.routing.route(service.id, draft.route);
    if (ranked.length === 0) throw noEligibleOffer(excluded);
    const { charge, currency, fx } = await this.money.priceFor(partnerId, ranked[0]!);
    if (maxCharge !== undefined && charge.gt(maxCharge)) {
      throw new DomainError(
        'max_charge_exceeded',
        `The order would cost ${charge.toFixed()} ${currency}, above maxCharge ${maxCharge}.`,
        { charge: charge.toFixed(), currency },
      );
    }
    const { order, attempt } = await this.recording.run(() =>
      this.records.create({
        partnerId,
        service,
        draft,
        charge,
        currency,
        chargeFx: fx,
        first: ranked[0]!,
        idempotencyKey,
      }),
    );
    const driving = this.drive(order, attempt, ranked, trace).then(
      (placed) => placed ?? this.records.load(order.id),
    );
    driving.catch(() => undefined); // observed by place(); never an unhandled rejection meanwhile
    return { order, driving };
  }

  /**
   * Sends the order to the candidates in turn, from an attempt already recorded as `prepared`.
   * Also used to resume an order whose process died before it was sent. Answers the order as
   * stored when it was placed, null when it waits for reconciliation.
   */
  async drive(
    order: OrderEntity,
    firstAttempt: OrderAttemptEntity,
    candidates: RouteCandidate[],
    trace: { attemptNo: number } = { attemptNo: 0 },
  ): Promise<OrderEntity | null> {
    const tried: AttemptSummary[] = [];
    let attempt = firstAttempt;
    let index = candidates.findIndex(
      (c) =>
        c.providerId === attempt.providerId && c.upstreamServiceId === attempt.upstreamServiceId,
    );
    if (index < 0) index = 0;
    for (;;) {
      trace.attemptNo = attempt.attemptNo;
      await this.records.markSending(attempt);
      const outcome = await this.send(order, attempt);
      await this.turns.turn(true); // answers of a burst of calls are recorded over several turns
      if (outcome.kind === 'success') {
        return this.records.placed(order, attempt, outcome.value.orderId);
      }
      if (outcome.kind === 'ambiguous') {
        this.logger.warn(
          { orderId: order.id, providerId: attempt.providerId, cause: outcome.cause },
          'Order placement ambiguous',
        );
        await this.records.ambiguous(order, attempt, outcome.cause, outcome.message);
        return null;
      }
      const reason = outcome.kind === 'rejected' ? outcome.reason : outcome.cause;
      await this.records.endAttempt(attempt, outcome.kind, reason, outcome.message);
      tried.push({
        attempt: attempt.attemptNo,
        outcome: outcome.kind,
        reason,
        message: outcome.message,
      });
      if (outcome.kind === 'rejected' && outcome.reason === 'quantity_out_of_range') {
        // The offer's limits moved upstream since the last sync: correct them now.
        await this.routing.offerRefused(attempt, outcome.message);
      }
      if (outcome.kind === 'rejected' && !retryElsewhere(outcome)) {
        await this.records.fail(order, `Rejected upstream (${reason}): ${outcome.message}`);
        throw new DomainError('order_rejected', `The order was refused: ${outcome.message}`, {
          orderId: order.id,
          reason,
          attempts: tried,
        });
      }
      const next = candidates[index + 1];
      if (!next || attempt.attemptNo >= this.config.orders.maxAttempts) {
        return this.exhausted(order, tried);
      }
      index += 1;
      attempt = await this.records.nextAttempt(order, attempt.attemptNo + 1, next);
    }
  }

  private async send(
    order: OrderEntity,
    attempt: OrderAttemptEntity,
  ): Promise<SmmOutcome<PlacedOrder>> {
    const started = performance.now();
    const outcome = await this.upstream.add(attempt.providerId, {
      ...order.params,
      service: attempt.upstreamServiceId,
      // Stable for this attempt (resent as is after a crash): only providers that honour it get it.
      idempotencyKey: `smmgw:${order.id}:${attempt.attemptNo}:${order.createdAt.getTime()}`,
    });
    this.logger.log(
      {
        orderId: order.id,
        providerId: attempt.providerId,
        attempt: attempt.attemptNo,
        outcome: outcome.kind,
        latencyMs: Math.round(performance.now() - started),
      },
      'Upstream add',
    );
    return outcome;
  }

  private async exhausted(order: OrderEntity, tried: AttemptSummary[]): Promise<never> {
    await this.records.fail(
      order,
      `No upstream took the order: ${tried.map((t) => t.reason).join(', ')}`,
    );
    throw exhaustedError(order.id, tried);
  }
}

/**
 * "You have active order with this link" is a refusal of the gateway's account on that upstream
 * (every partner shares it), not of the request: another upstream may take the order. An earlier
 * attempt of this very order cannot be the active one, since an attempt whose outcome is unknown
 * never moves on.
 */
function retryElsewhere(outcome: { retryElsewhere: boolean; reason: string }): boolean {
  return outcome.retryElsewhere || outcome.reason === 'duplicate_active_order';
}

/**
 * No upstream took the order. When they were down (unreachable, rate-limited) a retry may
 * succeed: upstreams_unavailable. When they refused, the last refusal keeps its meaning: a
 * quantity outside the upstream's range is quantity_out_of_range with the upstream's limit,
 * anything else order_rejected with the reason and the upstream's message.
 */
function exhaustedError(orderId: number, tried: AttemptSummary[]): DomainError {
  const down = tried.every((t) => t.outcome === 'failed' || t.reason === 'rate_limited');
  if (down) {
    return new DomainError(
      'upstreams_unavailable',
      'The upstreams able to take this order are unavailable right now; nothing was charged.',
      { orderId, attempts: tried },
    );
  }
  const last = [...tried].reverse().find((t) => t.outcome === 'rejected')!;
  if (last.reason === 'quantity_out_of_range') {
    const limits = quantityLimits(last.message ?? '');
    return new DomainError(
      'quantity_out_of_range',
      `The upstream refused the quantity: ${last.message}; nothing was charged.`,
      { orderId, ...limits, attempts: tried },
    );
  }
  return new DomainError(
    'order_rejected',
    `Every upstream able to take this order refused it (${last.message}); nothing was charged.`,
    { orderId, reason: last.reason, message: last.message, attempts: tried },
  );
}

/** Partners learn why, not who: provider ids stay admin-only. */
function noEligibleOffer(excluded: RouteExclusion[]): DomainError {
  const reasons = [...new Set(excluded.flatMap((e) => e.reasons))].sort();
  return new DomainError(
    'no_eligible_offer',
    reasons.length > 0
      ? `No upstream can take this order now (${reasons.join(', ')}).`
      : 'No upstream offers this service now.',
    { reasons },
  );
}

/**
 * The order if `work` settles within `ms` (its refusal thrown), or null when it is still running
 * then (it goes on; the caller decides what to answer meanwhile).
 */
async function within(
  work: Promise<OrderEntity>,
  ms: number,
): Promise<{ order: OrderEntity } | null> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), ms);
  });
  try {
    return await Promise.race([work.then((order) => ({ order })), late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Refusals that count as placements in smmgw_orders_placed_total (validation errors do not). */
const FAILED_PLACEMENTS: Record<string, PlacementOutcome | undefined> = {
  order_rejected: 'rejected',
  no_eligible_offer: 'unavailable',
  upstreams_unavailable: 'unavailable',
};

/** Placed on the first choice, after failing over, or waiting for reconciliation. */
function placementOutcome(order: OrderEntity, attemptNo: number): PlacementOutcome {
  if (order.status === 'needs_reconciliation' || order.status === 'placing') return 'ambiguous';
  return attemptNo > 1 ? 'failed_over' : 'placed';
}
