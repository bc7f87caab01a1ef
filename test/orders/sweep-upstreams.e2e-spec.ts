import { OrderSyncService } from '../../apps/gateway/src/orders/sync/order-sync.service.js';
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
 * The status sweep over several upstreams: each upstream's orders are leased and polled on their
 * own, lease after lease (here leases of 4, so the next lease's calls overlap the previous one's
 * writes and settlements). Every order is asked for exactly once, on its own panel, and an order
 * ending Canceled in a later lease is refunded once.
 */
describe('status sweep over two upstreams in small leases', () => {
  let gw: TestGateway;
  let panels: Panel[];
  let services: number[];
  let partner: TestPartner;

  beforeAll(async () => {
    gw = await startGateway({ env: { RATE_LIMIT_PER_MINUTE: '100000' } });
    panels = [
      await addPanel(gw, { name: 'panel-a', catalog: [followers(11, '1')] }),
      await addPanel(gw, { name: 'panel-b', catalog: [followers(11, '1')] }),
    ];
    services = [];
    for (const [i, panel] of panels.entries()) {
      services.push(
        await createService(gw, { name: `Followers ${i}`, refill: true, cancel: true }, [
          { providerId: panel.providerId, upstreamServiceId: 11 },
        ]),
      );
    }
    partner = await createPartner(gw, { name: 'reseller', markupPercent: '0', credit: '1000' });
  });
  afterAll(async () => {
    for (const panel of panels ?? []) await panel.sim.close();
    await gw?.close();
  });

  async function place(serviceId: number): Promise<{ id: number; charge: string }> {
    const res = await gw
      .http()
      .post('/v1/orders')
      .set(partner.auth)
      .send({ serviceId, link: 'https://instagram.com/p/abc', quantity: 1000 });
    expect(res.status, res.text).toBe(201);
    return res.body as { id: number; charge: string };
  }

  it('asks each panel once per order and settles an order of a later lease once', async () => {
    const placed: { id: number; charge: string }[][] = [[], []];
    for (let i = 0; i < 10; i += 1) {
      for (const [p, serviceId] of services.entries()) placed[p]!.push(await place(serviceId));
    }
    const last = placed[1]![9]!;
    const upstreamId = Number((await adminOrder(gw, last.id)).upstreamOrderId);
    await panels[1]!.sim.control.setOrderStatus(upstreamId, { status: 'Canceled' });

    const result = await gw.app
      .get(OrderSyncService)
      .sweep(new Date(Date.now() + 3_600_000), { batch: 4, callsPerUpstream: 2 });

    expect(result).toMatchObject({ polled: 20, settled: 1, unanswered: 0 });
    for (const panel of panels) {
      const state = await panel.sim.control.state();
      expect(state.orders.map((o) => o.statusQueries)).toEqual(Array(10).fill(1));
    }
    const ended = await gw.http().get(`/v1/orders/${last.id}`).set(partner.auth);
    expect(ended.body).toMatchObject({ status: 'canceled', refunded: last.charge });
  });
});
