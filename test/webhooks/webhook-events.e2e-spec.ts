import { DataSource } from 'typeorm';
import { RefillsService } from '../../apps/gateway/src/orders/follow-ups/refills.service.js';
import { OrderSyncService } from '../../apps/gateway/src/orders/sync/order-sync.service.js';
import { adminOrder, followers, syncPanel } from '../support/market.js';
import { WebhookReceiver, type Received } from '../support/webhook-receiver.js';
import { useWebhookMarket, type WebhookMarket } from '../support/webhook-market.js';

/**
 * Every other event type, each produced by the real path that changes the state it reports:
 * refill.updated, order.needs_reconciliation, order.stuck, catalog.sync_failed,
 * offer.price_changed (per-endpoint threshold), webhook.endpoint_disabled; and delivery rules
 * (redirects are failures, never followed).
 */

type Market = WebhookMarket;
const useMarket = useWebhookMarket;

async function hook(
  m: Market,
  path: string,
  body: Record<string, unknown>,
  operator = false,
): Promise<number> {
  const res = await m.gw
    .http()
    .post(operator ? '/v1/admin/webhooks' : '/v1/webhooks')
    .set(operator ? m.gw.admin : m.alice.auth)
    .send({ url: `${m.receiver.url}${path}`, ...body });
  expect(res.status, res.text).toBe(201);
  return res.body.id as number;
}

async function place(m: Market): Promise<number> {
  const res = await m.gw
    .http()
    .post('/v1/orders')
    .set(m.alice.auth)
    .send({ serviceId: m.serviceId, link: 'https://instagram.com/p/events', quantity: 1000 });
  expect(res.status, res.text).toBe(201);
  return res.body.id as number;
}

const settle = () => new Promise((r) => setTimeout(r, 300));
const at = (r: WebhookReceiver, path: string): Received[] =>
  r.received.filter((x) => x.path === path);

describe('webhook events from every producer', () => {
  const m = useMarket();

  it('refill.updated when the upstream moves a refill', async () => {
    await hook(m, '/refills', { events: ['refill.updated'] });
    const orderId = await place(m);
    const upstreamId = Number((await adminOrder(m.gw, orderId)).upstreamOrderId);
    await m.panel.sim.control.setOrderStatus(upstreamId, { status: 'Completed', remains: 0 });
    await m.gw.app.get(OrderSyncService).sweep(new Date(Date.now() + 3_600_000));
    const refill = await m.gw.http().post(`/v1/orders/${orderId}/refill`).set(m.alice.auth);
    expect(refill.status, refill.text).toBe(201);
    const upstreamRefill = (await m.panel.sim.control.state()).refills.at(-1)!;
    await m.panel.sim.control.setRefillStatus(upstreamRefill.id, 'Completed');
    await m.gw.app.get(RefillsService).sweep(new Date(Date.now() + 3_600_000));
    await m.receiver.waitFor(() => at(m.receiver, '/refills').length === 1);
    expect(at(m.receiver, '/refills')[0]!.event).toMatchObject({
      type: 'refill.updated',
      data: { id: refill.body.id, orderId, status: 'completed' },
    });
  });

  it('order.needs_reconciliation and order.stuck reach the operator, not the partner', async () => {
    await hook(m, '/ops-orders', { events: ['order.needs_reconciliation', 'order.stuck'] }, true);
    await hook(m, '/partner-all', {});
    await m.panel.sim.control.setFaults({ html502EveryNth: 1, html502AfterCreate: true });
    const orderId = await place(m);
    await m.panel.sim.control.clearFaults();
    await m.receiver.waitFor(() => at(m.receiver, '/ops-orders').length === 1);
    expect(at(m.receiver, '/ops-orders')[0]!.event).toMatchObject({
      type: 'order.needs_reconciliation',
      data: { orderId, partnerId: m.alice.id, providerId: m.panel.providerId },
    });

    // Four days on, every open order is stuck (ORDER_STUCK_AFTER_HOURS defaults to 72): once each.
    const sync = m.gw.app.get(OrderSyncService);
    await sync.sweep(new Date(Date.now() + 4 * 86_400_000));
    await sync.sweep(new Date(Date.now() + 5 * 86_400_000));
    await m.receiver.waitFor((r) => r.some((x) => x.event.type === 'order.stuck'));
    await settle();
    const stuck = at(m.receiver, '/ops-orders').filter((x) => x.event.type === 'order.stuck');
    expect(stuck.map((x) => x.event.data.orderId)).toContain(orderId);
    expect(new Set(stuck.map((x) => x.event.data.orderId)).size).toBe(stuck.length);
    expect(at(m.receiver, '/partner-all').filter((x) => x.event.type.startsWith('order.'))).toEqual(
      at(m.receiver, '/partner-all').filter((x) => x.event.type === 'order.updated'),
    );
  });

  it("catalog.sync_failed, and offer.price_changed above each endpoint's threshold", async () => {
    await hook(m, '/catalog', { events: ['catalog.sync_failed', 'offer.price_changed'] }, true);
    await hook(m, '/sensitive', { events: ['offer.price_changed'], priceChangePercent: '2' }, true);
    await m.panel.sim.control.setFaults({ truncatedJson: true });
    const failed = await m.gw
      .http()
      .post(`/v1/admin/providers/${m.panel.providerId}/sync`)
      .set(m.gw.admin);
    expect(failed.status).toBe(502);
    await m.panel.sim.control.clearFaults();
    await m.receiver.waitFor(() => at(m.receiver, '/catalog').length === 1);
    expect(at(m.receiver, '/catalog')[0]!.event).toMatchObject({
      type: 'catalog.sync_failed',
      data: { providerId: m.panel.providerId },
    });

    await m.panel.sim.control.setCatalog([followers(1, '1.05')]); // +5 %
    await syncPanel(m.gw, m.panel.providerId);
    await m.receiver.waitFor(() => at(m.receiver, '/sensitive').length === 1);
    await settle();
    expect(at(m.receiver, '/catalog')).toHaveLength(1); // 5 % is under the default 10 %
    await m.panel.sim.control.setCatalog([followers(1, '1.50')]); // +42.857…%
    await syncPanel(m.gw, m.panel.providerId);
    await m.receiver.waitFor(() => at(m.receiver, '/catalog').length === 2);
    expect(at(m.receiver, '/catalog')[1]!.event.data).toMatchObject({
      providerId: m.panel.providerId,
      serviceIds: [m.serviceId],
      oldRate: '1.05',
      newRate: '1.5',
      changePercent: '42.8571',
    });
    expect(at(m.receiver, '/sensitive')).toHaveLength(2);
  });

  it('a redirect is a failed attempt, never followed', async () => {
    const id = await hook(m, '/moved', { events: ['order.updated'] });
    m.receiver.answerNext('/moved', 302);
    const orderId = await place(m);
    const upstreamId = Number((await adminOrder(m.gw, orderId)).upstreamOrderId);
    await m.panel.sim.control.setOrderStatus(upstreamId, { status: 'In progress', remains: 5 });
    await m.gw.app.get(OrderSyncService).sweep(new Date(Date.now() + 6 * 86_400_000));
    await m.receiver.waitFor(() => at(m.receiver, '/moved').length === 2);
    expect(at(m.receiver, '/moved').map((x) => x.status)).toEqual([302, 200]);
    expect(at(m.receiver, '/elsewhere')).toEqual([]);
    const log = await m.gw.http().get(`/v1/webhooks/${id}/deliveries`).set(m.alice.auth);
    expect(log.body.items[0]).toMatchObject({ attempt: 2, status: 'delivered' });
  });

  it('an endpoint failing for 5 days is disabled and the operator told; re-enabling resumes it', async () => {
    await hook(m, '/ops-disabled', { events: ['webhook.endpoint_disabled'] }, true);
    const id = await hook(m, '/dying', { events: ['order.updated'] });
    // The streak began 6 days ago (set in the database: the test cannot wait 5 days).
    const db = m.gw.app.get(DataSource);
    const sixDaysAgo = new Date(Date.now() - 6 * 86_400_000);
    await db.query(
      `UPDATE webhook_endpoints SET failing_since = ${db.options.type === 'postgres' ? '$1' : '?'} WHERE id = ${id}`,
      [
        db.options.type === 'postgres'
          ? sixDaysAgo
          : sixDaysAgo.toISOString().replace('T', ' ').replace('Z', ''),
      ],
    );
    m.receiver.answerNext('/dying', 500);
    const orderId = await place(m);
    const upstreamId = Number((await adminOrder(m.gw, orderId)).upstreamOrderId);
    await m.panel.sim.control.setOrderStatus(upstreamId, { status: 'In progress', remains: 7 });
    await m.gw.app.get(OrderSyncService).sweep(new Date(Date.now() + 7 * 86_400_000));
    await m.receiver.waitFor(() => at(m.receiver, '/ops-disabled').length === 1);
    expect(at(m.receiver, '/ops-disabled')[0]!.event.data).toMatchObject({
      endpointId: id,
      partnerId: m.alice.id,
    });
    const endpoint = await m.gw.http().get(`/v1/webhooks/${id}`).set(m.alice.auth);
    expect(endpoint.body).toMatchObject({ enabled: false, disabledReason: 'failing for 5 days' });
    await settle();
    expect(at(m.receiver, '/dying')).toHaveLength(1); // no retry while disabled

    const enabled = await m.gw
      .http()
      .patch(`/v1/webhooks/${id}`)
      .set(m.alice.auth)
      .send({ enabled: true });
    expect(enabled.body).toMatchObject({ enabled: true, disabledReason: null, failingSince: null });
    await m.receiver.waitFor(() => at(m.receiver, '/dying').length === 2, 20_000);
    expect(at(m.receiver, '/dying')[1]!.status).toBe(200);
  });
});
