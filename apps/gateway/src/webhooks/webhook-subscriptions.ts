import { Injectable } from '@nestjs/common';
import { Decimal } from 'decimal.js';
import type { Tx } from '../database/transactions.js';
import { WebhookOutboxRepository, type Subscriber } from './webhook-outbox.repository.js';
import { DEFAULT_PRICE_CHANGE_PERCENT, type OutboxEvent } from './webhook-types.js';

/** How long a snapshot of the enabled endpoints is used before it is read again. */
export const SUBSCRIPTIONS_TTL_MS = 1000;

/**
 * Which enabled endpoints want an event, from a snapshot of the (few) endpoint rows read at most
 * once a second, so producers on hot paths (placement, status sync, wallets) pay nothing when
 * nobody listens. Changes made in this process apply at once; made by another process, within
 * a second (docs/webhooks.md).
 */
@Injectable()
export class WebhookSubscriptions {
  private snapshot: { at: number; subscribers: Subscriber[] } | null = null;

  constructor(private readonly outbox: WebhookOutboxRepository) {}

  /** Forget the snapshot (an endpoint was created, changed or deleted here). */
  invalidate(): void {
    this.snapshot = null;
  }

  /** The endpoints owed this event, read in the caller's transaction when the snapshot is old. */
  async recipients(m: Tx, event: OutboxEvent): Promise<Subscriber[]> {
    const subscribers = await this.current(m);
    return subscribers.filter((s) => wants(s, event));
  }

  /** Whether anyone at all listens to this audience (a cheap check before building payloads). */
  async anyFor(m: Tx, audience: number | null, type: string): Promise<boolean> {
    const subscribers = await this.current(m);
    return subscribers.some((s) => s.partnerId === audience && subscribes(s, type));
  }

  private async current(m: Tx): Promise<Subscriber[]> {
    const now = Date.now();
    if (this.snapshot && now - this.snapshot.at < SUBSCRIPTIONS_TTL_MS) {
      return this.snapshot.subscribers;
    }
    const subscribers = await this.outbox.subscribers(m);
    this.snapshot = { at: now, subscribers };
    return subscribers;
  }
}

const subscribes = (s: Subscriber, type: string) => s.events === null || s.events.includes(type);

function wants(s: Subscriber, event: OutboxEvent): boolean {
  if (event.endpointId !== undefined) return s.id === event.endpointId;
  if (s.partnerId !== event.audience || !subscribes(s, event.type)) return false;
  if (event.changePercent === undefined) return true;
  const threshold = new Decimal(s.priceChangePercent ?? DEFAULT_PRICE_CHANGE_PERCENT);
  return new Decimal(event.changePercent).abs().gt(threshold);
}
