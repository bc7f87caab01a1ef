import { startGateway } from '../support/gateway.js';
import {
  addPanel,
  balanceOf,
  createPartner,
  createService,
  followers,
  processApi,
  type Panel,
} from '../support/market.js';
import { useGatewayProcesses } from '../support/process.js';
import { Decimal } from 'decimal.js';
import { OrderRecords } from '../../apps/gateway/src/orders/placement/order-records.js';
import { OrderRouting } from '../../apps/gateway/src/orders/ports/order-routing.port.js';
import { ReconciliationService } from '../../apps/gateway/src/orders/reconciliation/reconciliation.service.js';
import { draftOrder } from '../../apps/gateway/src/orders/placement/order-draft.js';

const until = async (check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
};

describe('crash safety: no order stays between steps forever', () => {
  let panel: Panel | undefined;
  const fleet = useGatewayProcesses();
  fleet.onCleanup(async () => panel?.sim.close());
  const start = () =>
    fleet.start({ ORDER_INTERRUPTED_AFTER_SECONDS: '1', ORDER_FIRST_POLL_SECONDS: '1' });

  it(
    'a process killed while sending an order: after restart the order awaits reconciliation, placed upstream once',
    { timeout: 90_000 },
    async () => {
      const first = await start();
      const api = processApi(first.url);
      panel = await addPanel(api, {
        name: 'slow-panel',
        catalog: [followers(1, '2.00')],
        timeoutMs: 30_000,
      });
      const serviceId = await createService(api, { name: 'Followers' }, [
        { providerId: panel.providerId, upstreamServiceId: 1 },
      ]);
      const partner = await createPartner(api, { name: 'crash-partner', credit: '50' });

      // The panel creates the order at once and answers 10 s later: the gateway is mid-call.
      await panel.sim.control.setFaults({ latencyMs: 10_000 });
      const pending = api
        .http()
        .post('/v1/orders')
        .set(partner.auth)
        .send({ serviceId, link: 'https://instagram.com/p/crash', quantity: 1000 })
        .catch(() => undefined);
      await until(async () => (await panel!.sim.control.state()).orders.length === 1);
      await first.stop('SIGKILL');
      await pending;

      const second = await start();
      const api2 = processApi(second.url);
      let orderId = 0;
      await until(async () => {
        const res = await api2
          .http()
          .get('/v1/admin/orders?status=needs_reconciliation')
          .set(api2.admin);
        orderId = (res.body.items as { id: number }[])[0]?.id ?? 0;
        return orderId > 0;
      });
      const seen = await api2.http().get(`/v1/orders/${orderId}`).set(partner.auth);
      expect(seen.body.status).toBe('pending');
      expect(await balanceOf(api2, partner)).toBe('48');
      const upstream = (await panel.sim.control.state()).orders;
      expect(upstream).toHaveLength(1);

      await panel.sim.control.clearFaults();
      const resolved = await api2
        .http()
        .post(`/v1/admin/orders/${orderId}/resolve`)
        .set(api2.admin)
        .send({ upstreamOrderId: String(upstream[0]!.id) });
      expect(resolved.body.internalStatus).toBe('pending');

      // From here the background sync of the new process follows it like any other order.
      await panel.sim.control.setOrderStatus(upstream[0]!.id, { status: 'Completed' });
      await until(async () => {
        const res = await api2.http().get(`/v1/admin/orders/${orderId}`).set(api2.admin);
        return res.body.internalStatus === 'completed';
      });
      expect((await panel.sim.control.state()).orders).toHaveLength(1);
    },
  );
});

describe('an order charged but never sent (process died right after the charge)', () => {
  it('is resumed by the recovery: placed upstream once, no second charge', async () => {
    const gw = await startGateway({ env: { ORDER_INTERRUPTED_AFTER_SECONDS: '1' } });
    const panel = await addPanel(gw, { name: 'panel', catalog: [followers(5, '1.00')] });
    try {
      const serviceId = await createService(gw, { name: 'Followers' }, [
        { providerId: panel.providerId, upstreamServiceId: 5 },
      ]);
      const partner = await createPartner(gw, { name: 'p', credit: '10' });
      // Exactly what the placement writes before calling the upstream: order, attempt, charge.
      const routing = gw.app.get(OrderRouting);
      const service = (await routing.findService(serviceId))!;
      const { draft } = draftOrder(service, {
        fields: { link: 'https://instagram.com/p/resume', quantity: 2000 },
      });
      const { ranked } = await routing.route(serviceId, draft!.route);
      const { order } = await gw.app.get(OrderRecords).create({
        partnerId: partner.id,
        service,
        draft: draft!,
        charge: new Decimal('2'),
        currency: 'USD',
        first: ranked[0]!,
        idempotencyKey: null,
      });
      expect(await balanceOf(gw, partner)).toBe('8');
      expect((await panel.sim.control.state()).orders).toHaveLength(0);

      const recovery = gw.app.get(ReconciliationService);
      const result = await recovery.recoverInterrupted(new Date(Date.now() + 60_000));
      expect(result).toEqual({ resumed: 1, needsReconciliation: 0 });
      const upstream = (await panel.sim.control.state()).orders;
      expect(upstream).toHaveLength(1);
      expect(upstream[0]!.params).toMatchObject({
        link: 'https://instagram.com/p/resume',
        quantity: '2000',
      });
      const view = await gw.http().get(`/v1/orders/${order.id}`).set(partner.auth);
      expect(view.body).toMatchObject({ status: 'pending', charge: '2' });
      expect(await balanceOf(gw, partner)).toBe('8');
      expect(await recovery.recoverInterrupted(new Date(Date.now() + 60_000))).toEqual({
        resumed: 0,
        needsReconciliation: 0,
      });
    } finally {
      await panel.sim.close();
      await gw.close();
    }
  });
});
