import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/transactions.js';
import { DeliverySignal } from './delivery/delivery-signal.js';
import { WebhookOutboxRepository } from './webhook-outbox.repository.js';
import { WebhookSubscriptions } from './webhook-subscriptions.js';
import type { Audience, OutboxEvent } from './webhook-types.js';

/**
 * Where producers (orders, wallets, providers, catalog) record events: in THEIR transaction, so
 * an event exists exactly when the change it reports committed, and no crash loses one. Each
 * event gets one pending delivery per endpoint that wants it; nothing is written when no
 * endpoint does. Delivery happens later, in the delivery job, never on the producer's path.
 */
@Injectable()
export class WebhookOutbox {
  constructor(
    private readonly repository: WebhookOutboxRepository,
    private readonly subscriptions: WebhookSubscriptions,
    private readonly signal: DeliverySignal,
  ) {}

  /** Whether any enabled endpoint listens (lets producers skip building payloads). */
  listens(m: Tx, audience: Audience, type: string): Promise<boolean> {
    return this.subscriptions.anyFor(m, audience, type);
  }

  /**
   * Records the events in the caller's transaction (answers the ids of those written: events
   * nobody wants are not), stamped with the wall clock (never a job's
   * notion of "now", which tests move): deliveries are due at once.
   */
  async emit(m: Tx, events: readonly OutboxEvent[]): Promise<number[]> {
    const at = new Date();
    // Recipients of a plain event depend on its audience and type only, so a batch of them is
    // written in one statement and matched back by (audience, type); a targeted or threshold
    // event has recipients of its own and is written alone.
    const plain = new Map<string, number[]>();
    const batch: OutboxEvent[] = [];
    const pairs: { endpointId: number; eventId: number }[] = [];
    const written: number[] = [];
    for (const event of events) {
      const own = event.endpointId !== undefined || event.changePercent !== undefined;
      const k = key(event.audience, event.type);
      const endpointIds =
        event.endpointId !== undefined
          ? [event.endpointId]
          : (plain.get(k) ?? (await this.subscriptions.recipients(m, event)).map((s) => s.id));
      if (endpointIds.length === 0) continue;
      if (!own) {
        plain.set(k, endpointIds);
        batch.push(event);
        continue;
      }
      const [row] = await this.repository.insertEvents([toRow(event)], m, at);
      written.push(row!.id);
      pairs.push(...endpointIds.map((endpointId) => ({ endpointId, eventId: row!.id })));
    }
    if (batch.length > 0) {
      const rows = await this.repository.insertEvents(batch.map(toRow), m, at);
      for (const row of rows) {
        written.push(row.id);
        const endpointIds = plain.get(key(row.partnerId, row.type)) ?? [];
        pairs.push(...endpointIds.map((endpointId) => ({ endpointId, eventId: row.id })));
      }
    }
    if (pairs.length === 0) return written;
    await this.repository.insertDeliveries(pairs, m, at);
    this.signal.notify();
    return written;
  }
}

const key = (audience: Audience, type: string) => `${audience ?? 'operator'}:${type}`;

const toRow = (event: OutboxEvent) => ({
  partnerId: event.audience,
  type: event.type,
  data: event.data,
});
