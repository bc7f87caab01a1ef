import { startGateway, type TestGateway } from '../support/gateway.js';
import {
  addPanel,
  createPartner,
  createService,
  followers,
  setCurrencyRate,
  type Panel,
} from '../support/market.js';

/**
 * GET /v1/services at each caller's prices: rate = ceil₅(routed cost × (1 + markup/100) ÷ value of
 * one unit of the partner's currency in the base currency). The cheapest eligible offer costs
 * 0.123456 USD per 1000.
 */
describe('partner price lists on GET /v1/services', () => {
  let gw: TestGateway;
  let cheap: Panel;
  let dear: Panel;
  let serviceId: number;

  beforeAll(async () => {
    gw = await startGateway();
    cheap = await addPanel(gw, { name: 'cheap', catalog: [followers(1, '0.123456')] });
    dear = await addPanel(gw, { name: 'dear', catalog: [followers(2, '0.9')] });
    serviceId = await createService(gw, { name: 'Followers' }, [
      { providerId: cheap.providerId, upstreamServiceId: 1 },
      { providerId: dear.providerId, upstreamServiceId: 2 },
    ]);
    await setCurrencyRate(gw, 'EUR', '1.08');
  });

  afterAll(async () => {
    await Promise.all([cheap, dear].map((p) => p?.sim.close()));
    await gw?.close();
  });

  const listedRate = async (auth: { Authorization: string }) => {
    const list = await gw.http().get('/v1/services').set(auth);
    expect(list.status, list.text).toBe(200);
    const one = await gw.http().get(`/v1/services/${serviceId}`).set(auth);
    expect(one.body).toEqual(list.body.find((s: { id: number }) => s.id === serviceId));
    return { rate: one.body.rate as string, currency: one.body.currency as string };
  };

  it('shows operators the cost price in the base currency, rounded up at 5 decimals', async () => {
    expect(await listedRate(gw.admin)).toEqual({ rate: '0.12346', currency: 'USD' });
  });

  it('applies the markup: 0.123456 × 1.25 = 0.15432', async () => {
    const partner = await createPartner(gw, { name: 'usd-25', markupPercent: '25' });
    expect(await listedRate(partner.auth)).toEqual({ rate: '0.15432', currency: 'USD' });
  });

  it('converts to the partner currency and rounds up: 0.123456 × 1.1 ÷ 1.08 = 0.125742… → 0.12575', async () => {
    const partner = await createPartner(gw, {
      name: 'eur-10',
      currency: 'EUR',
      markupPercent: '10',
    });
    expect(await listedRate(partner.auth)).toEqual({ rate: '0.12575', currency: 'EUR' });
  });

  it('charges an order exactly the listed rate × quantity / 1000', async () => {
    const partner = await createPartner(gw, { name: 'buyer', markupPercent: '25', credit: '10' });
    const res = await gw
      .http()
      .post('/v1/orders')
      .set(partner.auth)
      .send({ serviceId, link: 'https://instagram.com/p/x', quantity: 2000 });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ charge: '0.30864', currency: 'USD' });
  });
});
