import { Decimal } from 'decimal.js';
import { startGateway, type TestGateway } from '../support/gateway.js';
import {
  addPanel,
  balanceOf,
  createPartner,
  createService,
  followers,
  setCurrencyRate,
  type Panel,
  type TestPartner,
} from '../support/market.js';

/**
 * Three panels sell the same followers: A at 1.00 USD, B at 1.50 USD, C at 1.20 EUR (1 EUR =
 * 1.10 USD, so 1.32 USD). Routing order: A, C, B. The partner pays in USD with a 10 % markup.
 */
describe('placing an order: cheapest first, safe failover', () => {
  let gw: TestGateway;
  let a: Panel;
  let b: Panel;
  let c: Panel;
  let serviceId: number;
  let partner: TestPartner;
  const order = (extra: Record<string, unknown> = {}) => ({
    serviceId,
    link: 'https://instagram.com/p/abc',
    quantity: 1000,
    ...extra,
  });

  beforeAll(async () => {
    gw = await startGateway();
    await setCurrencyRate(gw, 'EUR', '1.10');
    a = await addPanel(gw, { name: 'panel-a', catalog: [followers(11, '1.00')] });
    b = await addPanel(gw, { name: 'panel-b', catalog: [followers(21, '1.50')] });
    c = await addPanel(gw, { name: 'panel-c', currency: 'EUR', catalog: [followers(31, '1.20')] });
    serviceId = await createService(gw, { name: 'Followers', refill: true, cancel: true }, [
      { providerId: a.providerId, upstreamServiceId: 11 },
      { providerId: b.providerId, upstreamServiceId: 21 },
      { providerId: c.providerId, upstreamServiceId: 31 },
    ]);
    partner = await createPartner(gw, { name: 'reseller', markupPercent: '10', credit: '100' });
  });

  afterAll(async () => {
    await Promise.all([a, b, c].map((p) => p?.sim.close()));
    await gw?.close();
  });

  afterEach(async () => {
    await Promise.all([a, b, c].map((p) => p.sim.control.clearFaults()));
  });

  it('places on the cheapest upstream and charges cost × (1 + markup), exactly', async () => {
    const before = await balanceOf(gw, partner);
    const res = await gw.http().post('/v1/orders').set(partner.auth).send(order());
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({
      status: 'pending',
      serviceId,
      quantity: 1000,
      charge: '1.1',
      currency: 'USD',
    });
    expect(res.body).not.toHaveProperty('providerId');
    const upstream = (await a.sim.control.state()).orders;
    expect(upstream).toHaveLength(1);
    expect(upstream[0]!.params).toMatchObject({
      service: '11',
      link: 'https://instagram.com/p/abc',
      quantity: '1000',
    });
    expect((await b.sim.control.state()).orders).toHaveLength(0);
    expect((await c.sim.control.state()).orders).toHaveLength(0);
    expect(await balanceOf(gw, partner)).toBe(new Decimal(before).minus('1.1').toFixed());
  });
});
