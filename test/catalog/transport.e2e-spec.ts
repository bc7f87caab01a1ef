import { startSimulator, type SimulatorHandle } from '../../apps/provider-sim/src/index.js';
import { startGateway, type TestGateway } from '../support/gateway.js';
import { createPartner, createService, followers } from '../support/market.js';
import { expectProblem } from '../support/problem.js';

/**
 * Some panels want the API v2 fields as a query-string GET or a JSON body instead of the canonical
 * form POST: the encoding is a per-provider setting, used for every call to that panel.
 */
describe('per-provider request encoding', () => {
  let gw: TestGateway;
  const sims: SimulatorHandle[] = [];

  beforeAll(async () => {
    gw = await startGateway();
  });

  afterAll(async () => {
    await Promise.all(sims.map((s) => s.close()));
    await gw?.close();
  });

  it.each(['form', 'query', 'json'] as const)(
    '%s: balance check, sync and orders all use it',
    async (transport) => {
      const sim = await startSimulator({
        apiKey: `key-${transport}-0123456789`,
        catalog: [followers(1, '1.00')],
        seed: 1,
      });
      sims.push(sim);
      const created = await gw
        .http()
        .post('/v1/admin/providers')
        .set(gw.admin)
        .send({ name: `panel-${transport}`, apiUrl: sim.url, apiKey: sim.apiKey, transport });
      expect(created.status, created.text).toBe(201);
      expect(created.body.transport).toBe(transport);
      const providerId = created.body.id as number;
      expect(
        (await gw.http().post(`/v1/admin/providers/${providerId}/sync`).set(gw.admin)).status,
      ).toBe(200);
      const serviceId = await createService(gw, { name: `Followers via ${transport}` }, [
        { providerId, upstreamServiceId: 1 },
      ]);
      const partner = await createPartner(gw, { name: `partner-${transport}`, credit: '10' });
      const order = await gw
        .http()
        .post('/v1/orders')
        .set(partner.auth)
        .send({ serviceId, only: [providerId], link: 'https://instagram.com/p/t', quantity: 100 });
      expect(order.status, order.text).toBe(201);

      const state = await sim.control.state();
      expect(state.orders).toHaveLength(1);
      expect(Object.keys(state.encodingCounts)).toEqual([transport]);
      expect(state.encodingCounts[transport]).toBeGreaterThanOrEqual(3);
    },
  );

  it('can be changed later, and refuses an unknown encoding', async () => {
    const sim = await startSimulator({
      apiKey: 'key-switch-0123456789',
      catalog: [followers(1, '1.00')],
      seed: 1,
    });
    sims.push(sim);
    const created = await gw
      .http()
      .post('/v1/admin/providers')
      .set(gw.admin)
      .send({ name: 'panel-switch', apiUrl: sim.url, apiKey: sim.apiKey });
    expect(created.body.transport).toBe('form');
    const id = created.body.id as number;
    const bad = await gw
      .http()
      .patch(`/v1/admin/providers/${id}`)
      .set(gw.admin)
      .send({ transport: 'xml' });
    expectProblem(bad, 400, 'validation_failed');
    const patched = await gw
      .http()
      .patch(`/v1/admin/providers/${id}`)
      .set(gw.admin)
      .send({ transport: 'json' });
    expect(patched.status, patched.text).toBe(200);
    expect(patched.body.transport).toBe('json');
    await sim.control.reset();
    expect((await gw.http().post(`/v1/admin/providers/${id}/sync`).set(gw.admin)).status).toBe(200);
    expect(Object.keys((await sim.control.state()).encodingCounts)).toEqual(['json']);
  });
});
