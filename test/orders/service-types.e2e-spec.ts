import type { SimService } from '../../apps/provider-sim/src/index.js';
import { startGateway, type TestGateway } from '../support/gateway.js';
import {
  addPanel,
  createPartner,
  createService,
  type Panel,
  type TestPartner,
} from '../support/market.js';
import { expectProblem } from '../support/problem.js';

const offer = (
  service: number,
  type: string,
  rate: string,
  min = '1',
  max = '100000',
): SimService => ({
  service,
  name: `${type} offer`,
  type,
  category: 'Instagram',
  rate,
  min,
  max,
  refill: false,
  cancel: false,
  dripfeed: false,
});

/**
 * Each service type takes its own fields (the API v2 table, in camelCase) and is priced its own
 * way: per 1000 units, per package, or per line. The partner's markup is 0 here, so the charge is
 * the cost.
 */
describe('orders of every kind of service type', () => {
  let gw: TestGateway;
  let panel: Panel;
  let partner: TestPartner;
  const services = new Map<string, number>();
  const catalog = [
    offer(1, 'Package', '3.5'),
    offer(2, 'Custom Comments', '12.5'),
    offer(3, 'Mentions Custom List', '6'),
    offer(4, 'Poll', '0.61', '100'),
    offer(5, 'Subscriptions', '0.05', '50', '20000'),
    offer(6, 'Web Traffic', '0.12', '100'),
    offer(7, 'Custom Comments Package', '1.99'),
  ];

  beforeAll(async () => {
    gw = await startGateway();
    panel = await addPanel(gw, { name: 'types-panel', catalog });
    for (const o of catalog) {
      services.set(
        o.type,
        await createService(gw, { name: o.type, type: o.type, category: 'Instagram' }, [
          { providerId: panel.providerId, upstreamServiceId: o.service },
        ]),
      );
    }
    partner = await createPartner(gw, { name: 'types-partner', credit: '1000' });
  });

  afterAll(async () => {
    await panel?.sim.close();
    await gw?.close();
  });

  const place = (type: string, body: Record<string, unknown>) =>
    gw
      .http()
      .post('/v1/orders')
      .set(partner.auth)
      .send({ serviceId: services.get(type), ...body });
  const lastUpstream = async () => (await panel.sim.control.state()).orders.at(-1)!;

  it('Package: no quantity, charged the package rate', async () => {
    const res = await place('Package', { link: 'https://instagram.com/p/1' });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ quantity: 1, charge: '3.5' });
    expect((await lastUpstream()).params).not.toHaveProperty('quantity');
    expectProblem(
      await place('Package', { link: 'https://instagram.com/p/1', quantity: 10 }),
      400,
      'validation_failed',
    );
  });

  it('Custom Comments: the quantity is the number of lines', async () => {
    const res = await place('Custom Comments', {
      link: 'https://instagram.com/p/2',
      comments: 'great\nnice\r\nwow',
    });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ quantity: 3, charge: '0.0375' });
    expect((await lastUpstream()).params).toMatchObject({ comments: 'great\nnice\nwow' });
  });

  it('Custom Comments Package: charged per package', async () => {
    const res = await place('Custom Comments Package', {
      link: 'https://instagram.com/p/7',
      comments: 'a\nb',
    });
    expect(res.status, res.text).toBe(201);
    expect(res.body.charge).toBe('1.99');
  });

  it('Mentions Custom List: usernames lines, required', async () => {
    const res = await place('Mentions Custom List', {
      link: 'https://instagram.com/p/3',
      usernames: 'alice\nbob',
    });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ quantity: 2, charge: '0.012' });
    const missing = await place('Mentions Custom List', { link: 'https://instagram.com/p/3' });
    const problem = expectProblem(missing, 400, 'validation_failed');
    expect((problem.errors as { field: string }[]).map((e) => e.field)).toContain('usernames');
  });

  it('Poll: answerNumber goes upstream as answer_number', async () => {
    const res = await place('Poll', {
      link: 'https://instagram.com/p/4',
      quantity: 1000,
      answerNumber: 2,
    });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ charge: '0.61', params: { answerNumber: 2 } });
    expect((await lastUpstream()).params).toMatchObject({ answer_number: '2' });
  });

  it('Subscriptions: no link, charged for max × posts', async () => {
    const res = await place('Subscriptions', {
      username: 'someone',
      min: 100,
      max: 200,
      delay: 30,
      posts: 4,
      expiry: '31/12/2027',
    });
    expect(res.status, res.text).toBe(201);
    expect(res.body.charge).toBe('0.04');
    expect((await lastUpstream()).params).toMatchObject({
      username: 'someone',
      posts: '4',
      expiry: '31/12/2027',
    });
    expectProblem(
      await place('Subscriptions', { username: 'x', min: 300, max: 200, delay: 0 }),
      400,
      'validation_failed',
    );
  });

  it('Web Traffic: the referrer goes with typeOfTraffic 2 only', async () => {
    const res = await place('Web Traffic', {
      link: 'https://example.com',
      quantity: 1000,
      country: 'US',
      device: 1,
      typeOfTraffic: 2,
      referringUrl: 'https://news.example.com',
    });
    expect(res.status, res.text).toBe(201);
    expect((await lastUpstream()).params).toMatchObject({
      type_of_traffic: '2',
      referring_url: 'https://news.example.com',
    });
    const wrong = await place('Web Traffic', {
      link: 'https://example.com',
      quantity: 1000,
      country: 'US',
      device: 1,
      typeOfTraffic: 1,
    });
    const problem = expectProblem(wrong, 400, 'validation_failed');
    expect((problem.errors as { field: string }[]).map((e) => e.field)).toContain('googleKeyword');
  });
});
