import { CREATE_ORDER_EXAMPLES } from '../../apps/gateway/src/orders/dto/create-order.examples.js';
import { useOneMarket } from '../support/one-market.js';

// The OpenAPI document's examples work as written against a real gateway.
describe('the POST /v1/orders example', () => {
  const m = useOneMarket('examples');

  it('places an order on a Default service exactly as documented (201, charged 1)', async () => {
    const body = { ...CREATE_ORDER_EXAMPLES.default.value, serviceId: m.serviceId };
    expect(Object.keys(body).sort()).toEqual(['link', 'quantity', 'serviceId']);
    const res = await m.gw.http().post('/v1/orders').set(m.partner.auth).send(body);
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ serviceId: m.serviceId, quantity: 1000, charge: '1' });
  });

  it('the document serves the same example body', async () => {
    const res = await m.gw.http().get('/docs-json');
    const examples = res.body.paths['/v1/orders'].post.requestBody.content['application/json']
      .examples as Record<string, { value: unknown }>;
    expect(examples.default!.value).toEqual(CREATE_ORDER_EXAMPLES.default.value);
  });
});
