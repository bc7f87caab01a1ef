import { retryOnLockTimeout } from '../../database/lock-retry.js';
import { Injectable, Logger } from '@nestjs/common';
import type { OrderStatusInfo, PerIdResult } from '#smm-protocol';
import { AppConfig } from '../../config/app-config.js';
import type { Tx } from '../../database/transactions.js';
import { chunks } from '../../database/sql-dialect.js';
import { isTerminal, mapUpstreamStatus, partnerStatus } from '../domain/order-status.js';
import { OrderEvents } from '../events/order-events.js';
import { UpstreamOrders } from '../ports/upstream-orders.port.js';
import { OrderSettlement } from './order-settlement.js';
import { UpstreamChargeAudit, type ChargeObservation } from '../costs/upstream-charge-audit.js';
import {
  OrderPollsRepository,
  UPDATE_ROWS_PER_TRANSACTION,
  type DueOrder,
  type StatusUpdate,
} from './order-polls.repository.js';
import { PollSchedule } from './poll-schedule.service.js';

export type { DueOrder } from './order-polls.repository.js';

export interface SweepResult {
  polled: number;
  changed: number;
  settled: number;
  unanswered: number;
}

const LEASE_MS = 120_000;
const IDS_PER_CALL = 100;
/** An order whose status write failed is polled again this much later. */
const WRITE_RETRY_MS = 10_000;
const WRITE_FAILED_REASON =
  'Recording the upstream status failed; retried on every poll (see the log for the cause)';

/**
 * Polls open orders when due: leases them (FOR UPDATE SKIP LOCKED on PostgreSQL, so several
 * processes share the work without doubling it), asks each upstream ≤100 ids per call with a
 * bounded number of calls in flight per upstream, writes the results in bulk, and settles
 * partial/canceled orders exactly once.
 */
@Injectable()
export class OrderSyncService {
  private readonly logger = new Logger('OrderSync');
  private readonly inFlight = new Map<number, Promise<void>>();

  constructor(
    private readonly schedule: PollSchedule,
    private readonly polls: OrderPollsRepository,
    private readonly upstream: UpstreamOrders,
    private readonly settlement: OrderSettlement,
    private readonly config: AppConfig,
    private readonly charges: UpstreamChargeAudit,
    private readonly events: OrderEvents,
  ) {}

  /**
   * One sweep over every due order, until none is due: each upstream's orders in leases of
   * `batch` (oldest first), the upstreams side by side, `callsPerUpstream` calls in flight each.
   */
  async sweep(
    now = new Date(),
    options: { batch?: number; callsPerUpstream?: number } = {},
  ): Promise<SweepResult> {
    const total: SweepResult = { polled: 0, changed: 0, settled: 0, unanswered: 0 };
    const providers = await this.polls.dueProviders(now);
    const swept = await Promise.allSettled(
      providers.map((id) =>
        this.sweepUpstream(id, now, options.batch ?? 1_000, options.callsPerUpstream ?? 4, total),
      ),
    );
    const failed = swept.find((s) => s.status === 'rejected');
    if (failed) throw failed.reason;
    await this.flagStuck(now);
    return total;
  }

  /**
   * One upstream's due orders, lease after lease, counted into `total`. The next lease is taken
   * while the current one is polled, and its upstream calls start as soon as the current one's
   * are answered: the current one's writes, settlements and charges finish meanwhile (at most one
   * lease finishing behind, so memory stays bounded).
   */
  private async sweepUpstream(
    providerId: number,
    now: Date,
    batch: number,
    callsPerUpstream: number,
    total: SweepResult,
  ): Promise<void> {
    const nextLease = () => {
      const leasing = this.lease(now, batch, providerId);
      // Awaited below; should polling fail first, its rows are leased again once the lease ends.
      leasing.catch(() => undefined);
      return leasing;
    };
    let next = nextLease();
    let finishing: Promise<void> = Promise.resolve();
    try {
      for (;;) {
        const leased = await next;
        if (leased.orders.length === 0) break;
        next = nextLease();
        const finish = await this.ask(leased.orders, leased.token, now, callsPerUpstream);
        await finishing;
        finishing = finish().then((result) => {
          total.polled += leased.orders.length;
          total.changed += result.changed;
          total.settled += result.settled;
          total.unanswered += result.unanswered;
        });
        // Awaited before the next lease's tail or at the end; not an unhandled rejection meanwhile.
        finishing.catch(() => undefined);
      }
    } finally {
      await finishing;
    }
  }

  /**
   * Refreshes orders from their upstreams now (reading stale orders): one batched poll for all of
   * them (≤100 ids per upstream call). An order already being refreshed is not asked twice:
   * concurrent reads of one order share one upstream call.
   */
  refresh(orders: readonly DueOrder[]): Promise<void> {
    const joined = orders.flatMap((o) => this.inFlight.get(o.id) ?? []);
    const fresh = orders.filter((o) => !this.inFlight.has(o.id));
    if (fresh.length > 0) {
      const work = this.poll([...fresh], null, new Date(), 4).then(() => undefined);
      for (const o of fresh) {
        const settled = work.finally(() => this.inFlight.delete(o.id));
        this.inFlight.set(o.id, settled);
        joined.push(settled);
      }
    }
    return Promise.all(joined).then(() => undefined);
  }

  refreshOne(order: DueOrder): Promise<void> {
    return this.refresh([order]);
  }

  private async lease(
    now: Date,
    limit: number,
    providerId: number,
  ): Promise<{ orders: DueOrder[]; token: Date }> {
    const token = new Date(now.getTime() + LEASE_MS + Math.floor(Math.random() * 1000));
    return { token, orders: await this.polls.lease(now, token, limit, providerId) };
  }

  private async poll(
    orders: DueOrder[],
    lease: Date | null,
    now: Date,
    callsPerUpstream: number,
  ): Promise<Omit<SweepResult, 'polled'>> {
    return (await this.ask(orders, lease, now, callsPerUpstream))();
  }

  /**
   * Asks the upstreams about the orders (≤100 ids per call), their status writes started in bulk
   * meanwhile. Answers the rest of the poll, to run when the caller wants: the last writes, the
   * orders that ended Partial/Canceled settled, the upstream charges recorded.
   */
  private async ask(
    orders: DueOrder[],
    lease: Date | null,
    now: Date,
    callsPerUpstream: number,
  ): Promise<() => Promise<Omit<SweepResult, 'polled'>>> {
    const byProvider = new Map<number, DueOrder[]>();
    for (const o of orders) {
      const group = byProvider.get(o.providerId);
      if (group) group.push(o);
      else byProvider.set(o.providerId, [o]);
    }
    const updates: StatusUpdate[] = [];
    // Orders that end Partial/Canceled change status together with their refund, one transaction
    // each (rare); everything else is written in bulk while the other upstream calls go on.
    const ends = (u: StatusUpdate) => u.status === 'partial' || u.status === 'canceled';
    const before = new Map(orders.map((o) => [o.id, o]));
    const writer = this.bulkWriter(lease, now, before);
    const charged: ChargeObservation[] = [];
    let unanswered = 0;
    await Promise.all(
      [...byProvider].map(([providerId, group]) =>
        runLimited(chunks(group, IDS_PER_CALL), callsPerUpstream, async (batch) => {
          const result = await this.upstream.statuses(
            providerId,
            batch.map((o) => o.upstreamOrderId),
          );
          for (const order of batch) {
            const entry = result.results.get(order.upstreamOrderId);
            const update = this.updateFor(order, entry, now);
            if (!entry || entry.kind !== 'ok') unanswered += 1;
            updates.push(update);
            if (!ends(update)) writer.add(update);
            if (entry?.kind === 'ok' && (entry.value.charge !== null || ends(update))) {
              charged.push(chargeObservation(order.id, update, entry.value));
            }
          }
        }),
      ),
    );
    return async () => {
      await writer.done();
      let settled = 0;
      for (const u of updates.filter(ends)) {
        const ending = { ...u, status: u.status as 'partial' | 'canceled' };
        try {
          if (await retryOnLockTimeout(() => this.settlement.finish(ending, now))) settled += 1;
        } catch (error) {
          await this.giveBack(u.id, lease, now, error);
        }
      }
      // After the status writes: a failure here loses no status, and the next poll records it.
      const known = new Map(
        orders.flatMap((o) => (o.recordedCharge ? [[o.id, o.recordedCharge]] : [])),
      );
      await this.charges.record(charged, known).catch((error: unknown) => {
        this.logger.error({ err: error }, 'Recording upstream charges failed');
      });
      const changed = updates.filter((u) => u.status !== before.get(u.id)?.status).length;
      return { changed, settled, unanswered };
    };
  }

  private updateFor(
    order: DueOrder,
    entry: PerIdResult<OrderStatusInfo> | undefined,
    now: Date,
  ): StatusUpdate {
    const pollCount = order.pollCount + 1;
    if (!entry || entry.kind !== 'ok') {
      // "Incorrect order ID" right after add, an upstream hiccup: keep polling, with backoff.
      return {
        id: order.id,
        status: order.status,
        upstreamStatus: order.upstreamStatus,
        startCount: null,
        remains: null,
        nextPollAt: this.schedule.next(now, pollCount),
        pollCount,
        answered: false,
      };
    }
    const info = entry.value;
    const status = mapUpstreamStatus(info.status, order.status);
    if (info.status === 'unknown' && info.rawStatus !== order.upstreamStatus) {
      this.logger.warn(
        { orderId: order.id, providerId: order.providerId, upstreamStatus: info.rawStatus },
        'Unknown upstream status; still polling',
      );
    }
    return {
      id: order.id,
      status,
      upstreamStatus: info.rawStatus,
      startCount: info.startCount,
      remains: info.remains,
      nextPollAt: isTerminal(status) ? null : this.schedule.next(now, pollCount),
      pollCount,
      answered: true,
    };
  }

  /**
   * Collects updates and writes them 2,000 per transaction (1,000 per statement), one transaction
   * at a time, as soon as 2,000 are there: the database works while the remaining upstream calls
   * are in flight. `done` writes the rest and fails with the first failed write (the ones after it
   * are not run).
   */
  private bulkWriter(lease: Date | null, now: Date, before: Map<number, DueOrder>) {
    let buffer: StatusUpdate[] = [];
    let chain: Promise<void> = Promise.resolve();
    const flush = () => {
      const part = buffer;
      buffer = [];
      chain = chain.then(() => this.write(part, lease, now, before));
      // Reported by `done`; until then a failure must not count as an unhandled rejection.
      chain.catch(() => undefined);
    };
    return {
      add: (update: StatusUpdate) => {
        buffer.push(update);
        if (buffer.length >= UPDATE_ROWS_PER_TRANSACTION) flush();
      },
      done: (): Promise<void> => {
        if (buffer.length > 0) flush();
        return chain;
      },
    };
  }

  /**
   * Writes the updates in bulk. A transaction that fails is retried order by order, so one order
   * the database refuses (or a lock timeout) never holds back the rest of its batch; an order
   * that still fails is given back to the next sweep.
   */
  private async write(
    updates: StatusUpdate[],
    lease: Date | null,
    now: Date,
    before: Map<number, DueOrder>,
  ): Promise<void> {
    // order.updated for the rows written whose partner-visible state changed, in their transaction.
    const written = (m: Tx, ids: Set<number>) =>
      this.events.changed(
        m,
        updates.flatMap((u) => {
          const old = before.get(u.id);
          return old && ids.has(u.id) && visiblyChanged(old, u)
            ? [{ id: u.id, partnerId: old.partnerId }]
            : [];
        }),
      );
    for (const part of chunks(updates, UPDATE_ROWS_PER_TRANSACTION)) {
      try {
        await retryOnLockTimeout(() => this.polls.writeStatuses(part, lease, now, written));
      } catch (error) {
        for (const one of part) {
          await this.polls
            .writeStatuses([one], lease, now, written)
            .catch((e: unknown) =>
              this.giveBack(one.id, lease, now, part.length === 1 ? error : e),
            );
        }
      }
    }
  }

  /**
   * An order whose write failed: logged with the reason, flagged for admins (its statusReason in
   * the admin order view), and its lease released with a short delay, so the next sweep tries it
   * again instead of waiting for the lease to run out.
   */
  private async giveBack(id: number, lease: Date | null, now: Date, error: unknown): Promise<void> {
    this.logger.error({ err: error, orderId: id }, 'Writing an order status failed; retried later');
    if (!lease) return;
    const retryAt = new Date(now.getTime() + WRITE_RETRY_MS);
    await this.polls.giveBack(id, lease, retryAt, WRITE_FAILED_REASON).catch((e: unknown) => {
      // The lease then simply runs out.
      this.logger.error({ err: e, orderId: id }, 'Releasing an order lease failed');
    });
  }

  private flagStuck(now: Date): Promise<void> {
    const cutoff = new Date(now.getTime() - this.config.orders.stuckAfterHours * 3_600_000);
    return this.polls.flagStuck(now, cutoff, (m, orders) => this.events.stuck(m, orders));
  }
}

/** What the partner sees changed: its status, or (when the upstream answered) the counts. */
function visiblyChanged(old: DueOrder, u: StatusUpdate): boolean {
  if (partnerStatus(old.status) !== partnerStatus(u.status)) return true;
  return u.answered && (u.remains !== old.remains || u.startCount !== old.startCount);
}

function chargeObservation(
  orderId: number,
  update: StatusUpdate,
  info: OrderStatusInfo,
): ChargeObservation {
  const status = update.status;
  return {
    orderId,
    charge: info.charge,
    currency: info.currency,
    status: status === 'partial' || status === 'canceled' ? status : 'other',
    remains: info.remains,
  };
}

/** Runs `work` over the items with at most `limit` in flight. */
async function runLimited<T>(
  items: T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]!);
  });
  await Promise.all(lanes);
}
