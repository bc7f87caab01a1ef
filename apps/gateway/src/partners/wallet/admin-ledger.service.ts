import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { ActorContext } from '../../auth/actor-context.js';
import { AuditService } from '../../audit/audit.service.js';
import { ValidationFailedError } from '../../common/errors/domain-error.js';
import { Transactions } from '../../database/transactions.js';
import { money } from '../../common/money/money.js';
import { WalletService, type LedgerMovement } from './wallet.service.js';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{1,100}$/;

/**
 * Operator movements: a positive amount is a credit, a negative one an adjustment (which may not
 * take the balance below zero). With an Idempotency-Key the same request applies once.
 */
@Injectable()
export class AdminLedgerService {
  constructor(
    private readonly transactions: Transactions,
    private readonly wallet: WalletService,
    private readonly audit: AuditService,
  ) {}

  post(
    partnerId: number,
    body: { amount: string; reason: string },
    idempotencyKey: string | undefined,
    ctx: ActorContext,
  ): Promise<LedgerMovement> {
    if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
      throw new ValidationFailedError([
        {
          field: 'Idempotency-Key',
          message: 'Idempotency-Key must be 1-100 of A-Z a-z 0-9 . _ : -',
        },
      ]);
    }
    const amount = money(body.amount);
    const referenceId = idempotencyKey ?? randomUUID();
    const request = {
      partnerId,
      amount,
      reason: body.reason,
      reference: { type: 'admin', id: referenceId },
      key: `admin:partner:${partnerId}:${referenceId}`,
      actor: ctx.actor,
    };
    return this.transactions.run(async (m) => {
      const movement = amount.isPositive()
        ? await this.wallet.credit(m, request)
        : await this.wallet.adjust(m, request);
      if (movement.applied) {
        await this.audit.record(
          {
            actor: ctx.actor,
            action: amount.isPositive() ? 'ledger.credit' : 'ledger.debit',
            targetType: 'partner',
            targetId: partnerId,
            details: {
              entryId: movement.entry.id,
              amount: movement.entry.amount,
              currency: movement.entry.currency,
              reason: body.reason,
            },
            requestId: ctx.requestId,
          },
          m,
        );
      }
      return movement;
    });
  }
}
