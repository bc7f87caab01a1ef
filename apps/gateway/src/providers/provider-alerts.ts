import { Injectable } from '@nestjs/common';
import type { Decimal } from 'decimal.js';
import { canonical, Money } from '../common/money/money.js';
import type { Tx } from '../database/transactions.js';
import { WebhookOutbox } from '../webhooks/webhook-outbox.js';
import type { HealthTransition } from './health-transition.js';
import type { ProviderEntity } from './provider.entity.js';

/**
 * The operator's provider events, written in the transaction of the change they report:
 * provider.ejected (a fresh ejection, not a failed probe extending one), provider.recovered,
 * provider.balance_low (a refresh found the balance fallen below the provider's threshold: once
 * per crossing).
 */
@Injectable()
export class ProviderAlerts {
  constructor(private readonly outbox: WebhookOutbox) {}

  async healthChanged(
    m: Tx,
    provider: ProviderEntity,
    transition: HealthTransition,
  ): Promise<void> {
    if (transition.state === 'ejected' && provider.ejectedUntil !== null) return;
    const data: Record<string, unknown> = {
      providerId: provider.id,
      name: provider.name,
      reason: transition.reason,
    };
    if (transition.state === 'ejected') {
      data.until = transition.until.toISOString();
      data.manual = transition.manual;
    }
    await this.outbox.emit(m, [
      {
        audience: null,
        type: transition.state === 'ejected' ? 'provider.ejected' : 'provider.recovered',
        data,
      },
    ]);
  }

  async balanceRead(m: Tx, provider: ProviderEntity, balance: Decimal): Promise<void> {
    const threshold = provider.balanceLowThreshold;
    if (threshold === null || !balance.lt(threshold)) return;
    if (provider.balance !== null && new Money(provider.balance).lt(threshold)) return;
    await this.outbox.emit(m, [
      {
        audience: null,
        type: 'provider.balance_low',
        data: {
          providerId: provider.id,
          name: provider.name,
          balance: canonical(balance),
          threshold,
          currency: provider.currency,
        },
      },
    ]);
  }
}
