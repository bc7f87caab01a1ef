import { Injectable, Logger } from '@nestjs/common';
import { AuditService } from '../../audit/audit.service.js';
import { AppConfig } from '../../config/app-config.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { Transactions } from '../../database/transactions.js';
import type { OrderAttemptEntity } from '../entities/order-attempt.entity.js';
import type { OrderEntity } from '../entities/order.entity.js';
import { OrdersRepository } from '../orders.repository.js';
import { OrderRouting } from '../ports/order-routing.port.js';
import { OrderPlacementService } from '../placement/order-placement.service.js';
import { OrderRecords } from '../placement/order-records.js';
import { PollSchedule } from '../sync/poll-schedule.service.js';

export interface RecoveryResult {
  resumed: number;
  needsReconciliation: number;
}

/**
 * No order stays between steps forever. A placement whose process died is found by age
 * (ORDER_INTERRUPTED_AFTER_SECONDS, longer than any placement takes):
 * - its attempt still `prepared` was certainly never sent: the placement resumes;
 * - its attempt `sending` may have reached the upstream: the order needs reconciliation, since
 *   API v2 has no way to ask "did you get this?" and resending could order it twice.
 * An admin resolves what is left with the upstream order id, or as failed (refunded).
 */
@Injectable()
export class ReconciliationService {
  private readonly logger = new Logger('Reconciliation');

  constructor(
    private readonly schedule: PollSchedule,
    private readonly orders: OrdersRepository,
    private readonly placement: OrderPlacementService,
    private readonly records: OrderRecords,
    private readonly routing: OrderRouting,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  async recoverInterrupted(now = new Date()): Promise<RecoveryResult> {
    const cutoff = new Date(now.getTime() - this.config.orders.interruptedAfterSeconds * 1000);
    const stale = await this.orders.placingSince(cutoff, 500);
    const result: RecoveryResult = { resumed: 0, needsReconciliation: 0 };
    for (const order of stale) {
      const attempt = await this.orders.lastAttempt(order.id);
      if (attempt?.outcome === 'prepared') {
        result.resumed += 1;
        await this.resume(order, attempt);
      } else if (attempt) {
        result.needsReconciliation += 1;
        await this.records.ambiguous(
          order,
          attempt,
          'interrupted',
          'The gateway stopped while the order was being sent.',
        );
      }
    }
    if (stale.length > 0) this.logger.warn({ ...result }, 'Interrupted placements recovered');
    return result;
  }

  async resolve(
    orderId: number,
    resolution: { upstreamOrderId?: string; failed?: true },
    actor: { actor: string; requestId?: string },
  ): Promise<void> {
    if (!resolution.upstreamOrderId === !resolution.failed) {
      throw new DomainError(
        'validation_failed',
        'Give exactly one of upstreamOrderId or failed: true.',
        {
          errors: [
            {
              field: 'upstreamOrderId',
              message: 'exactly one of upstreamOrderId or failed is required',
            },
          ],
        },
      );
    }
    await this.transactions.run(async (m) => {
      const order = await this.orders.lockIfExists(m, orderId);
      if (!order) throw new DomainError('not_found', `Order ${orderId} does not exist.`);
      if (order.status !== 'needs_reconciliation') {
        throw new DomainError(
          'order_not_reconcilable',
          `Order ${orderId} is ${order.status}, not needs_reconciliation.`,
        );
      }
      const attempt = await this.orders.lastAttempt(orderId, ['ambiguous', 'sending'], m);
      if (resolution.failed) {
        await this.records.failIn(m, orderId, 'Resolved by an admin: not placed upstream');
      } else {
        const now = new Date();
        if (attempt) {
          await this.orders.updateAttempt(m, attempt.id, {
            outcome: 'placed',
            upstreamOrderId: resolution.upstreamOrderId!,
          });
        }
        await this.orders.update(m, orderId, {
          status: 'pending',
          upstreamOrderId: resolution.upstreamOrderId!,
          statusReason: 'Resolved by an admin',
          nextPollAt: this.schedule.next(now, 0),
          statusCheckedAt: null,
        });
      }
      await this.audit.record(
        {
          actor: actor.actor,
          action: 'order.resolve',
          targetType: 'order',
          targetId: orderId,
          details: resolution.failed
            ? { failed: true }
            : { upstreamOrderId: resolution.upstreamOrderId },
          requestId: actor.requestId,
        },
        m,
      );
    });
  }

  private async resume(order: OrderEntity, attempt: OrderAttemptEntity): Promise<void> {
    const { ranked } = await this.routing.route(order.serviceId, {
      quantity: order.quantity,
      runs: order.runs ?? undefined,
    });
    try {
      await this.placement.drive(order, attempt, ranked);
    } catch (error) {
      // A refusal ends the order (refunded) inside drive(); there is no caller to tell here.
      if (!(error instanceof DomainError)) throw error;
    }
  }
}
