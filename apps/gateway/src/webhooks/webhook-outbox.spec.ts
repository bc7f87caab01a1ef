import type { Tx } from '../database/transactions.js';
import type { DeliverySignal } from './delivery/delivery-signal.js';
import { WebhookOutbox } from './webhook-outbox.js';
import type { NewEvent, Subscriber, WebhookOutboxRepository } from './webhook-outbox.repository.js';
import { WebhookSubscriptions } from './webhook-subscriptions.js';

/** An in-memory outbox table behind the repository's interface (ids handed out in order). */
class FakeOutboxRows {
  events: (NewEvent & { id: number })[] = [];
  deliveries: { endpointId: number; eventId: number }[] = [];
  subscriberReads = 0;
  constructor(private readonly endpoints: Subscriber[]) {}

  subscribers(): Promise<Subscriber[]> {
    this.subscriberReads += 1;
    return Promise.resolve(this.endpoints);
  }

  insertEvents(events: NewEvent[]) {
    const rows = events.map((e) => ({ ...e, id: this.events.length + 1 + events.indexOf(e) }));
    this.events.push(...rows);
    // Answered in reverse: RETURNING promises no order.
    return Promise.resolve(
      rows.map((r) => ({ id: r.id, partnerId: r.partnerId, type: r.type })).reverse(),
    );
  }

  insertDeliveries(pairs: { endpointId: number; eventId: number }[]) {
    this.deliveries.push(...pairs);
    return Promise.resolve();
  }
}

const endpoint = (id: number, partnerId: number | null, events: string[] | null, pct?: string) => ({
  id,
  partnerId,
  events,
  priceChangePercent: pct ?? null,
});

function outboxOver(endpoints: Subscriber[]) {
  const rows = new FakeOutboxRows(endpoints);
  const repository = rows as unknown as WebhookOutboxRepository;
  let signals = 0;
  const signal = { notify: () => (signals += 1) } as unknown as DeliverySignal;
  const outbox = new WebhookOutbox(repository, new WebhookSubscriptions(repository), signal);
  return { outbox, rows, signals: () => signals };
}

const m = {} as Tx;

describe('WebhookOutbox.emit', () => {
  it('writes nothing (and wakes nobody) when no endpoint wants the events', async () => {
    const { outbox, rows, signals } = outboxOver([endpoint(1, 7, ['balance.low'])]);
    const ids = await outbox.emit(m, [
      { audience: 7, type: 'order.updated', data: { id: 1 } },
      { audience: 8, type: 'order.updated', data: { id: 2 } },
      { audience: null, type: 'provider.ejected', data: {} },
    ]);
    expect(ids).toEqual([]);
    expect(rows.events).toEqual([]);
    expect(rows.deliveries).toEqual([]);
    expect(signals()).toBe(0);
  });

  it("fans each event out to its audience's subscribed endpoints only, whatever order rows come back in", async () => {
    const { outbox, rows, signals } = outboxOver([
      endpoint(1, 7, null),
      endpoint(2, 7, ['order.updated']),
      endpoint(3, 8, ['order.updated']),
      endpoint(4, null, null),
      endpoint(5, 7, ['balance.low']),
    ]);
    await outbox.emit(m, [
      { audience: 7, type: 'order.updated', data: { id: 10 } },
      { audience: 8, type: 'order.updated', data: { id: 11 } },
      { audience: 7, type: 'order.updated', data: { id: 12 } },
      { audience: null, type: 'order.stuck', data: { orderId: 10 } },
    ]);
    const to = (eventDataId: number) =>
      rows.deliveries
        .filter((d) => rows.events.find((e) => e.id === d.eventId)!.data.id === eventDataId)
        .map((d) => d.endpointId)
        .sort();
    expect(to(10)).toEqual([1, 2]);
    expect(to(11)).toEqual([3]);
    expect(to(12)).toEqual([1, 2]);
    const stuck = rows.events.find((e) => e.type === 'order.stuck')!;
    expect(rows.deliveries.filter((d) => d.eventId === stuck.id)).toEqual([
      { endpointId: 4, eventId: stuck.id },
    ]);
    expect(signals()).toBe(1);
  });

  it('offer.price_changed goes only to endpoints whose threshold the move exceeds (default 10 %)', async () => {
    const { outbox, rows } = outboxOver([endpoint(1, null, null), endpoint(2, null, null, '2')]);
    for (const changePercent of ['5', '-12.5', '10']) {
      await outbox.emit(m, [
        { audience: null, type: 'offer.price_changed', changePercent, data: { changePercent } },
      ]);
    }
    const recipients = (pct: string) =>
      rows.deliveries
        .filter((d) => rows.events.find((e) => e.id === d.eventId)!.data.changePercent === pct)
        .map((d) => d.endpointId)
        .sort();
    expect(recipients('5')).toEqual([2]);
    expect(recipients('-12.5')).toEqual([1, 2]);
    expect(recipients('10')).toEqual([2]); // more than 10 %, not equal to it
  });

  it('a targeted event goes to its endpoint alone; the subscriptions are read once a second at most', async () => {
    const { outbox, rows } = outboxOver([endpoint(1, 7, null), endpoint(2, 7, null)]);
    const [id] = await outbox.emit(m, [
      { audience: 7, type: 'webhook.test', endpointId: 2, data: {} },
    ]);
    expect(rows.deliveries).toEqual([{ endpointId: 2, eventId: id }]);
    await outbox.emit(m, [{ audience: 7, type: 'order.updated', data: {} }]);
    await outbox.emit(m, [{ audience: 7, type: 'order.updated', data: {} }]);
    expect(rows.subscriberReads).toBe(1);
  });
});
