import { Decimal } from 'decimal.js';
import { OrderSyncService } from '../../apps/gateway/src/orders/sync/order-sync.service.js';
import { startGateway, type TestGateway } from '../support/gateway.js';
import {
  adminOrder,
  addPanel,
  balanceOf,
  createPartner,
  createService,
  followers,
  syncPanel,
  type Panel,
  type TestPartner,
} from '../support/market.js';
import { startListeningGateway } from './support.js';

/**
 * The ultimate compatibility proof: gateway B registers gateway A's /api/v2 as a provider, with a
 * token A issued to its partner "downstream" as the API key, exactly as it registers any panel.
 * B's orders then flow B → A (/api/v2) → a simulated panel, and statuses, refunds and cancels flow
 * back. A sells at cost × 1.1 (1.00 → 1.1 per 1000); B sells A's offer at cost.
 */

let a: TestGateway;
let aApiUrl: string;
let b: TestGateway;
let panel: Panel;
let downstream: TestPartner;
let customer: TestPartner;
let providerOnB: number;
let serviceOnA: number;
let serviceOnB: number;

const LINK = 'https://instagram.com/p/chain';

beforeAll(async () => {
  ({ gw: a, apiUrl: aApiUrl } = await startListeningGateway());
  panel = await addPanel(a, { name: 'panel', catalog: [followers(11, '1.00')] });
  serviceOnA = await createService(a, { name: 'Followers', refill: true, cancel: true }, [
    { providerId: panel.providerId, upstreamServiceId: 11 },
  ]);
  downstream = await createPartner(a, { name: 'gateway-b', markupPercent: '10', credit: '100' });

  b = await startGateway({ env: { RATE_LIMIT_PER_MINUTE: '100000' } });
  customer = await createPartner(b, { name: 'customer', credit: '50' });
});

afterAll(async () => {
  await b?.close();
  await panel?.sim.close();
  await a?.close();
});

const sweepA = (hours: number) =>
  a.app.get(OrderSyncService).sweep(new Date(Date.now() + hours * 3_600_000));
const sweepB = (hours: number) =>
  b.app.get(OrderSyncService).sweep(new Date(Date.now() + hours * 3_600_000));

it("B registers A's /api/v2 as a provider (201): the balance is the partner's wallet on A", async () => {
  const created = await b
    .http()
    .post('/v1/admin/providers')
    .set(b.admin)
    .send({ name: 'gateway-a', apiUrl: aApiUrl, apiKey: downstream.token });

  expect(created.status, created.text).toBe(201);
  providerOnB = created.body.id as number;
  expect(created.body).toMatchObject({ currency: 'USD' });
  expect(new Decimal(created.body.balance as string).equals('100')).toBe(true);
  expect(JSON.stringify(created.body)).not.toContain(downstream.token);
});

it("B's catalog sync reads A's price list: A's services at the partner's rate", async () => {
  await syncPanel(b, providerOnB);
  const offers = await b.http().get(`/v1/admin/providers/${providerOnB}/offers`).set(b.admin);
  expect(offers.status, offers.text).toBe(200);
  const items = (offers.body.items ?? offers.body) as Record<string, unknown>[];
  expect(items).toHaveLength(1);
  expect(items[0]).toMatchObject({
    upstreamServiceId: String(serviceOnA),
    name: 'Followers',
    type: 'Default',
    min: 10,
    max: 100000,
  });
  expect(new Decimal(items[0]!.rate as string).equals('1.1')).toBe(true);
  serviceOnB = await createService(b, { name: 'Followers via A', refill: true, cancel: true }, [
    { providerId: providerOnB, upstreamServiceId: serviceOnA },
  ]);
});

it('an order on B is placed on A, and from A on the panel; statuses and refunds flow back', async () => {
  const placed = await b
    .http()
    .post('/v1/orders')
    .set(customer.auth)
    .send({ serviceId: serviceOnB, link: LINK, quantity: 1000 });
  expect(placed.status, placed.text).toBe(201);
  expect(placed.body).toMatchObject({ status: 'pending', charge: '1.1' });

  // On A: an order of the downstream partner, charged at A's price, placed on the panel.
  const onB = await adminOrder(b, placed.body.id as number);
  const orderOnA = Number(onB.upstreamOrderId);
  const onA = await adminOrder(a, orderOnA);
  expect(onA).toMatchObject({ partnerId: downstream.id, charge: '1.1', status: 'pending' });
  const upstreamOnPanel = Number(onA.upstreamOrderId);
  expect((await panel.sim.control.order(upstreamOnPanel)).params).toMatchObject({ link: LINK });
  expect(await balanceOf(a, downstream)).toBe('98.9');

  await panel.sim.control.setOrderStatus(upstreamOnPanel, { status: 'Partial', remains: 250 });
  await sweepA(1);
  await sweepB(1);

  const settled = await b.http().get(`/v1/orders/${placed.body.id}`).set(customer.auth);
  expect(settled.body).toMatchObject({ status: 'partial', remains: 250, refunded: '0.275' });
  expect(await balanceOf(b, customer)).toBe('49.175');
  expect(await balanceOf(a, downstream)).toBe('99.175');
});

it('a cancel on B is forwarded to A, and from A to the panel; both refund', async () => {
  const placed = await b
    .http()
    .post('/v1/orders')
    .set(customer.auth)
    .send({ serviceId: serviceOnB, link: LINK, quantity: 2000 });
  expect(placed.status, placed.text).toBe(201);
  const before = await balanceOf(b, customer);

  const canceled = await b.http().post(`/v1/orders/${placed.body.id}/cancel`).set(customer.auth);
  expect(canceled.status, canceled.text).toBe(200);
  await sweepB(2);

  const order = await b.http().get(`/v1/orders/${placed.body.id}`).set(customer.auth);
  expect(order.body).toMatchObject({ status: 'canceled', refunded: '2.2' });
  expect(new Decimal(await balanceOf(b, customer)).minus(before).toFixed()).toBe('2.2');
  expect(await balanceOf(a, downstream)).toBe('99.175');
});

it("B's refusals come from A's answers: a quantity below A's minimum is never sent on", async () => {
  const sent = (await panel.sim.control.state()).requestCounts.add ?? 0;
  const res = await b
    .http()
    .post('/v1/orders')
    .set(customer.auth)
    .send({ serviceId: serviceOnB, link: LINK, quantity: 5 });
  expect(res.status, res.text).toBe(422);
  expect((await panel.sim.control.state()).requestCounts.add ?? 0).toBe(sent);
});

it("A's logs never show the key B uses", () => {
  expect(a.logs.join('\n')).not.toContain(downstream.token);
  expect(b.logs.join('\n')).not.toContain(downstream.token);
});
