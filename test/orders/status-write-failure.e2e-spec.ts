import { OrderSyncService } from '../../apps/gateway/src/orders/sync/order-sync.service.js';
import { engine } from '../support/database.js';
import { adminOrder } from '../support/market.js';
import { useOneMarket } from '../support/one-market.js';

/**
 * One order whose status write fails never holds back the rest of its batch: the others are
 * written, the failing one is logged and flagged for admins and polled again shortly. The failure
 * here is a m.panel status text longer than the column (100 characters), which PostgreSQL refuses;
 * SQLite stores it, so there the order is simply written.
 */
describe(`a status write that fails (${engine})`, () => {
  const m = useOneMarket('batch');

  const place = async (): Promise<number> => {
    const res = await m.gw
      .http()
      .post('/v1/orders')
      .set(m.partner.auth)
      .send({ serviceId: m.serviceId, link: 'https://instagram.com/p/batch', quantity: 1000 });
    expect(res.status, res.text).toBe(201);
    return res.body.id as number;
  };

  it('writes the rest of the batch and flags the order it could not write', async () => {
    const [odd, fine] = [await place(), await place()];
    const longStatus = `In progress ${'x'.repeat(150)}`;
    await m.panel.sim.control.setOrderStatus(
      Number((await adminOrder(m.gw, odd)).upstreamOrderId),
      {
        status: longStatus,
      },
    );
    await m.panel.sim.control.setOrderStatus(
      Number((await adminOrder(m.gw, fine)).upstreamOrderId),
      {
        status: 'Completed',
        remains: 0,
      },
    );
    const now = new Date(Date.now() + 3_600_000);
    await m.gw.app.get(OrderSyncService).sweep(now);

    expect((await adminOrder(m.gw, fine)).status).toBe('completed');
    const flagged = await adminOrder(m.gw, odd);
    if (engine === 'postgres') {
      expect(flagged.statusReason).toMatch(/^Recording the upstream status failed/);
      expect(m.gw.logs.some((l) => l.includes('Writing an order status failed'))).toBe(true);
    } else {
      expect(flagged.statusReason).toBeNull();
      expect(flagged.upstreamStatus).toBe(longStatus);
    }
  });
});
