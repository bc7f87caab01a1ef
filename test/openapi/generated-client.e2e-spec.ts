import { createGatewayClient, type GatewayClient, type Problem, type Schema } from '#sdk';
import { addPanel, createService, followers, type Panel } from '../support/market.js';
import { ADMIN_TOKEN, startGateway, type TestGateway } from '../support/gateway.js';

// An internal app's view: only the generated client over real HTTP, no supertest, no casts.
describe('an internal app on the generated client (libs/sdk)', () => {
  let gw: TestGateway;
  let panel: Panel;
  let admin: GatewayClient;
  let baseUrl: string;

  beforeAll(async () => {
    gw = await startGateway();
    await gw.app.listen(0, '127.0.0.1');
    baseUrl = await gw.app.getUrl();
    admin = createGatewayClient({ baseUrl, token: ADMIN_TOKEN });
    panel = await addPanel(gw, { name: 'sdk-panel', catalog: [followers(101, '1.00')] });
    await createService(gw, { name: 'Followers via SDK' }, [
      { providerId: panel.providerId, upstreamServiceId: 101 },
    ]);
  });
  afterAll(async () => {
    await gw.close();
    await panel.sim.close();
  });

  async function partnerClient(scopes: Schema<'CreateTokenDto'>['scopes']): Promise<GatewayClient> {
    const partner = await admin.POST('/v1/admin/partners', {
      body: { name: `sdk-${scopes.join('-')}`, currency: 'USD', markupPercent: '10' },
    });
    expect(partner.response.status, JSON.stringify(partner.error)).toBe(201);
    const issued = await admin.POST('/v1/admin/partners/{id}/tokens', {
      params: { path: { id: partner.data!.id } },
      body: { scopes, name: 'internal app' },
    });
    expect(issued.response.status, JSON.stringify(issued.error)).toBe(201);
    expect(issued.data!.partnerId).toBe(partner.data!.id);
    return createGatewayClient({ baseUrl, token: issued.data!.token });
  }

  it("reads the partner's balance and price list with typed results", async () => {
    const client = await partnerClient(['balance:read', 'services:read']);

    const balance = await client.GET('/v1/balance');
    expectTypeOf(balance.data).toEqualTypeOf<Schema<'BalanceDto'> | undefined>();
    expect(balance.error).toBeUndefined();
    expect(balance.data).toEqual({ balance: '0', currency: 'USD', lowBalanceThreshold: null });

    const services = await client.GET('/v1/services', { params: { query: { text: 'SDK' } } });
    expectTypeOf(services.data).toEqualTypeOf<Schema<'OrderableServiceDto'>[] | undefined>();
    expect(services.data).toEqual([
      expect.objectContaining({ name: 'Followers via SDK', type: 'Default', currency: 'USD' }),
    ]);
    const [service] = services.data!;
    expect(service!.rate).toBe('1.1'); // cost 1.00 + 10 % markup, an exact decimal string
  });

  it('returns errors as the problem+json body, typed as a Problem', async () => {
    const client = await partnerClient(['balance:read']);

    const forbidden = await client.GET('/v1/services');
    expectTypeOf(forbidden.error).toEqualTypeOf<Problem | undefined>();
    expect(forbidden.data).toBeUndefined();
    expect(forbidden.response.status).toBe(403);
    expect(forbidden.response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(forbidden.error).toMatchObject({ status: 403, code: 'insufficient_scope' });

    const missing = await client.GET('/v1/ledger/{id}', { params: { path: { id: 2_000_000 } } });
    expect(missing.error).toMatchObject({ status: 404, code: 'not_found' });
    expect(missing.error!.requestId).toBe(missing.response.headers.get('x-request-id'));

    const invalid = await admin.POST('/v1/admin/partners', { body: { name: '' } });
    expect(invalid.response.status).toBe(400);
    expect(invalid.error).toMatchObject({ code: 'validation_failed' });
    expect(invalid.error!.errors?.map((e) => e.field)).toEqual(['name']);

    const anonymous = createGatewayClient({ baseUrl, token: 'not-a-token-at-all' });
    const unauthorized = await anonymous.GET('/v1/balance');
    expect(unauthorized.error).toMatchObject({ status: 401, code: 'unauthorized' });
  });
});
