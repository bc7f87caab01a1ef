import { OrderSyncService } from '../../apps/gateway/src/orders/sync/order-sync.service.js';
import { engine } from '../support/database.js';
import { startGateway, type TestGateway } from '../support/gateway.js';
import {
  addPanel,
  adminOrder,
  createPartner,
  createService,
  followers,
  type Panel,
  type TestPartner,
} from '../support/market.js';

/**
 * One order whose status write fails never holds back the rest of its batch: the others are
 * written, the failing one is logged and flagged for admins and polled again shortly. The failure
 * here is a panel status text longer than the column (100 characters), which PostgreSQL refuses;
 * SQLite stores it, so there the order is simply written.
 */
describe(`a status write that fails (${engine})`, () => {
  let gw: TestGateway;
  let panel: Panel;
  let serviceId: number;
  let partner: TestPartner;

  beforeAll(async () => {
    gw = await startGateway({ env: { RATE_LIMIT_PER_MINUTE: '100000' } });
    panel = await addPanel(gw, { name: 'panel', catalog: [followers(1, '1.00')] });
    serviceId = await createService(gw, { name: 'Followers' }, [
      { providerId: panel.providerId, upstreamServiceId: 1 },
    ]);
    partner = await createPartner(gw, { name: 'batch', credit: '10' });
  });
  afterAll(async () => {
    await panel?.sim.close();
    await gw?.close();
  });

  const place = async (): Promise<number> => {
    const res = await gw
      .http()
      .post('/v1/orders')
      .set(partner.auth)
      .send({ serviceId, link: 'https://instagram.com/p/batch', quantity: 1000 });
    expect(res.status, res.text).toBe(201);
    return res.body.id as number;
  };

  it('writes the rest of the batch and flags the order it could not write', async () => {
    const [odd, fine] = [await place(), await place()];
    const longStatus = `In progress ${'x'.repeat(150)}`;
    await panel.sim.control.setOrderStatus(Number((await adminOrder(gw, odd)).upstreamOrderId), {
      status: longStatus,
    });
    await panel.sim.control.setOrderStatus(Number((await adminOrder(gw, fine)).upstreamOrderId), {
      status: 'Completed',
      remains: 0,
    });
    const now = new Date(Date.now() + 3_600_000);
    await gw.app.get(OrderSyncService).sweep(now);

    expect((await adminOrder(gw, fine)).status).toBe('completed');
    const flagged = await adminOrder(gw, odd);
    if (engine === 'postgres') {
      expect(flagged.statusReason).toMatch(/^Recording the upstream status failed/);
      expect(gw.logs.some((l) => l.includes('Writing an order status failed'))).toBe(true);
    } else {
      expect(flagged.statusReason).toBeNull();
      expect(flagged.upstreamStatus).toBe(longStatus);
    }
  });
});
