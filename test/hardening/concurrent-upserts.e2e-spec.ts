import { engine } from '../support/database.js';
import { startGateway, type TestGateway } from '../support/gateway.js';
import { addPanel, createService, followers, type Panel } from '../support/market.js';

/**
 * First-time admin upserts sent ten at once (a deploy script retried, two operators at once):
 * every caller gets a 2xx and the result is one row per key. On PostgreSQL the losers of the
 * race used to hit the unique index and answer 500.
 */
describe(`concurrent first-time admin upserts (${engine})`, () => {
  let gw: TestGateway;
  let panel: Panel;

  beforeAll(async () => {
    gw = await startGateway({ env: { RATE_LIMIT_PER_MINUTE: '100000' } });
    panel = await addPanel(gw, {
      name: 'panel',
      catalog: [followers(1, '1.00'), followers(2, '2.00')],
    });
  });
  afterAll(async () => {
    await panel?.sim.close();
    await gw?.close();
  });

  it('sets a new currency rate ten times at once: all 2xx, one rate', async () => {
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        gw
          .http()
          .put('/v1/admin/currencies/EUR')
          .set(gw.admin)
          .send({ rate: `1.0${i}` }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
    const list = await gw.http().get('/v1/admin/currencies').set(gw.admin);
    expect(list.body.filter((c: { code: string }) => c.code === 'EUR')).toHaveLength(1);
  });

  it("maps a new service's offers ten times at once: all 2xx, each offer once", async () => {
    const serviceId = await createService(gw, { name: 'Followers' }, []);
    const offers = [1, 2].map((id) => ({
      providerId: panel.providerId,
      upstreamServiceId: String(id),
    }));
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        gw.http().put(`/v1/admin/services/${serviceId}/offers`).set(gw.admin).send({ offers }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
    const service = await gw.http().get(`/v1/admin/services/${serviceId}`).set(gw.admin);
    expect(service.body.offers).toHaveLength(2);
  });
});
