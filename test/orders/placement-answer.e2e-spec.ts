import { OrderSyncService } from '../../apps/gateway/src/orders/sync/order-sync.service.js';
import { startGateway, type TestGateway } from '../support/gateway.js';
import {
  addPanel,
  adminOrder,
  balanceOf,
  createPartner,
  createService,
  followers,
  type Panel,
  type TestPartner,
} from '../support/market.js';

/** Polls `check` until it holds (the background placement is on its own clock). */
async function eventually(check: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * PLACEMENT_ANSWER_MS: a placement answers in time even when the upstream is slow, so that a
 * client (or a chained gateway) never times out on an order that exists. The upstream answers
 * after 3 s here; the gateway answers after 0.3 s.
 */
describe('placement answers within PLACEMENT_ANSWER_MS', () => {
  let gw: TestGateway;
  let panel: Panel;
  let serviceId: number;
  let partner: TestPartner;

  beforeAll(async () => {
    gw = await startGateway({
      env: { PLACEMENT_ANSWER_MS: '300', RATE_LIMIT_PER_MINUTE: '100000' },
    });
    panel = await addPanel(gw, { name: 'slow', catalog: [followers(1, '1.00')], timeoutMs: 5000 });
    serviceId = await createService(gw, { name: 'Followers' }, [
      { providerId: panel.providerId, upstreamServiceId: 1 },
    ]);
    partner = await createPartner(gw, { name: 'patient', credit: '10' });
  });

  afterAll(async () => {
    await panel?.sim.close();
    await gw?.close();
  });

  afterEach(() => panel.sim.control.reset());

  const place = () =>
    gw
      .http()
      .post('/v1/orders')
      .set(partner.auth)
      .send({ serviceId, link: 'https://instagram.com/p/slow', quantity: 1000 });

  it('answers 201 pending before the upstream does; the order is placed in the background', async () => {
    await panel.sim.control.setFaults({ latencyMs: 3000 });
    const res = await place();
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ status: 'pending', charge: '1' });
    const id = res.body.id as number;
    // Answered before the upstream did: no upstream order id yet, the call still out.
    expect(await adminOrder(gw, id)).toMatchObject({ upstreamOrderId: null });
    await eventually(async () => (await adminOrder(gw, id)).upstreamOrderId !== null);
    expect(await adminOrder(gw, id)).toMatchObject({ internalStatus: 'pending' });
    expect((await panel.sim.control.state()).orders).toHaveLength(1);
  });

  it('a refusal that comes after the answer fails the order and refunds it in full', async () => {
    const before = await balanceOf(gw, partner);
    await panel.sim.control.setFaults({ latencyMs: 3000, rejectAddWith: 'Incorrect link' });
    const res = await place();
    expect(res.status, res.text).toBe(201);
    const id = res.body.id as number;
    await eventually(async () => (await adminOrder(gw, id)).internalStatus === 'failed');
    expect(await balanceOf(gw, partner)).toBe(before);
    // Polling never touches it; the partner reads it as failed.
    await gw.app.get(OrderSyncService).sweep(new Date(Date.now() + 3_600_000));
    const read = await gw.http().get(`/v1/orders/${id}`).set(partner.auth);
    expect(read.body).toMatchObject({ status: 'failed', refunded: '1' });
  });
});
