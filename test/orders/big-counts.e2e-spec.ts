import { Decimal } from 'decimal.js';
import { OrderSyncService } from '../../apps/gateway/src/orders/sync/order-sync.service.js';
import { engine } from '../support/database.js';
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

/**
 * Counts a panel reports that do not fit 32 bits (a start_count of 5,000,000,000 views, remains of
 * -99,999,999,999 after over-delivery) are stored as reported and never stall an order: it still
 * ends Partial or Canceled, and the partner is refunded exactly once. The panel sells at 1.00 per
 * 1000 (no markup), so 1000 units cost 1.
 */
describe(`upstream counts beyond 32 bits (${engine})`, () => {
  let gw: TestGateway;
  let panel: Panel;
  let serviceId: number;
  let partner: TestPartner;

  beforeAll(async () => {
    gw = await startGateway({ env: { RATE_LIMIT_PER_MINUTE: '100000' } });
    panel = await addPanel(gw, { name: 'panel', catalog: [followers(1, '1.00')] });
    serviceId = await createService(gw, { name: 'Views', cancel: true }, [
      { providerId: panel.providerId, upstreamServiceId: 1 },
    ]);
    partner = await createPartner(gw, { name: 'views-reseller', credit: '10' });
  });
  afterAll(async () => {
    await panel?.sim.close();
    await gw?.close();
  });

  async function place(): Promise<{ id: number; upstreamId: number }> {
    const res = await gw
      .http()
      .post('/v1/orders')
      .set(partner.auth)
      .send({ serviceId, link: 'https://youtube.com/watch?v=abc', quantity: 1000 });
    expect(res.status, res.text).toBe(201);
    const id = res.body.id as number;
    return { id, upstreamId: Number((await adminOrder(gw, id)).upstreamOrderId) };
  }
  // Each sweep a day later than the one before: every open order is due again.
  let days = 0;
  const sweep = () =>
    gw.app.get(OrderSyncService).sweep(new Date(Date.now() + ++days * 86_400_000));
  const refundsOf = async (orderId: number): Promise<string[]> => {
    const res = await gw
      .http()
      .get(`/v1/admin/partners/${partner.id}/ledger?limit=200`)
      .set(gw.admin);
    expect(res.status, res.text).toBe(200);
    return (res.body.items as { kind: string; referenceId: string; amount: string }[])
      .filter((e) => e.kind === 'refund' && e.referenceId === `${orderId}`)
      .map((e) => new Decimal(e.amount).toFixed());
  };

  it('keeps start_count 5000000000 through progress and a cancel, refunding once', async () => {
    const order = await place();
    await panel.sim.control.setOrderStatus(order.upstreamId, {
      status: 'In progress',
      startCount: 5000000000,
      remains: 400,
    });
    await sweep();
    let view = await gw.http().get(`/v1/orders/${order.id}`).set(partner.auth);
    expect(view.status, view.text).toBe(200);
    expect(view.body).toMatchObject({
      status: 'in_progress',
      startCount: 5000000000,
      remains: 400,
    });

    await panel.sim.control.setOrderStatus(order.upstreamId, {
      status: 'Canceled',
      startCount: 5000000000,
      remains: 1000,
    });
    await sweep();
    await sweep();
    view = await gw.http().get(`/v1/orders/${order.id}`).set(partner.auth);
    expect(view.body).toMatchObject({ status: 'canceled', startCount: 5000000000, refunded: '1' });
    expect(await refundsOf(order.id)).toEqual(['1']);

    const v2 = await gw
      .http()
      .post('/api/v2')
      .type('form')
      .send({ key: partner.token, action: 'status', order: String(order.id) });
    expect(v2.body).toMatchObject({ status: 'Canceled', start_count: '5000000000' });
  });

  it('keeps remains -99999999999 (over-delivery) on a Partial without refunding a guess', async () => {
    const before = await balanceOf(gw, partner);
    const order = await place();
    await panel.sim.control.setOrderStatus(order.upstreamId, {
      status: 'Partial',
      startCount: 5000000000,
      remains: '-99999999999',
    });
    await sweep();
    await sweep();
    const view = await gw.http().get(`/v1/orders/${order.id}`).set(partner.auth);
    expect(view.status, view.text).toBe(200);
    // Over-delivered: nothing is owed back; the order ends, its remains as the panel said.
    expect(view.body).toMatchObject({ status: 'partial', remains: -99999999999, refunded: '0' });
    expect(await refundsOf(order.id)).toEqual([]);
    expect(await balanceOf(gw, partner)).toBe(new Decimal(before).minus(1).toFixed());
  });

  it('keeps a Partial with a big start_count and ordinary remains, refunding exactly once', async () => {
    const order = await place();
    await panel.sim.control.setOrderStatus(order.upstreamId, {
      status: 'Partial',
      startCount: 5000000000,
      remains: 250,
    });
    await sweep();
    await sweep();
    const view = await gw.http().get(`/v1/orders/${order.id}`).set(partner.auth);
    expect(view.body).toMatchObject({
      status: 'partial',
      startCount: 5000000000,
      refunded: '0.25',
    });
    expect(await refundsOf(order.id)).toEqual(['0.25']);
  });
});
