import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';
import { IdempotencyStore } from '../../apps/gateway/src/orders/idempotency/idempotency.store.js';
import type { TestGateway } from '../support/gateway.js';
import { startGateway } from '../support/gateway.js';
import {
  adminOrder,
  addPanel,
  createPartner,
  createService,
  followers,
  syncPanel,
  type Panel,
  type TestPartner,
} from '../support/market.js';
import { rawCall, startListeningGateway } from './support.js';

/**
 * A loopback TCP proxy in front of gateway A that, while armed, lets an `add` through to A and
 * then drops the connection instead of passing A's answer back: the order exists on A, and the
 * caller (gateway B) has an ambiguous outcome — the fault that used to leave both waiting for an
 * admin.
 */
async function lossyProxy(
  target: number,
): Promise<{ port: number; armed: { on: boolean }; server: Server }> {
  const armed = { on: false };
  const server = createServer((client: Socket) => {
    const upstream = connect(target, '127.0.0.1');
    let dropping = false;
    client.on('data', (chunk) => {
      if (armed.on && /action=add/.test(chunk.toString('latin1'))) {
        armed.on = false;
        dropping = true;
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk) => {
      if (dropping) client.destroy();
      else client.write(chunk);
    });
    const close = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', close).on('close', close);
    upstream.on('error', close).on('close', close);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, armed, server };
}

describe('chained gateways resolve a lost add answer by themselves (idempotency_key)', () => {
  let a: TestGateway;
  let aApiUrl: string;
  let b: TestGateway;
  let panel: Panel;
  let downstream: TestPartner;
  let customer: TestPartner;
  let proxy: Awaited<ReturnType<typeof lossyProxy>>;
  let serviceOnB: number;

  beforeAll(async () => {
    ({ gw: a, apiUrl: aApiUrl } = await startListeningGateway());
    panel = await addPanel(a, { name: 'panel', catalog: [followers(11, '1.00')] });
    await createService(a, { name: 'Followers' }, [
      { providerId: panel.providerId, upstreamServiceId: 11 },
    ]);
    downstream = await createPartner(a, { name: 'gateway-b', credit: '100' });
    proxy = await lossyProxy(Number(new URL(aApiUrl).port));

    b = await startGateway({ env: { RATE_LIMIT_PER_MINUTE: '100000' } });
    customer = await createPartner(b, { name: 'customer', credit: '50' });
    const created = await b
      .http()
      .post('/v1/admin/providers')
      .set(b.admin)
      .send({
        name: 'gateway-a',
        apiUrl: `http://127.0.0.1:${proxy.port}/api/v2`,
        apiKey: downstream.token,
        idempotentAdd: true,
      });
    expect(created.status, created.text).toBe(201);
    expect(created.body.idempotentAdd).toBe(true);
    await syncPanel(b, created.body.id as number);
    const offers = await b.http().get(`/v1/admin/providers/${created.body.id}/offers`).set(b.admin);
    serviceOnB = await createService(b, { name: 'Followers via A' }, [
      {
        providerId: created.body.id as number,
        upstreamServiceId: offers.body[0].upstreamServiceId,
      },
    ]);
  });

  afterAll(async () => {
    await b?.close();
    await new Promise((resolve) => proxy?.server.close(resolve));
    await panel?.sim.close();
    await a?.close();
  });

  it('the answer lost between B and A: one order upstream, none waiting for reconciliation', async () => {
    proxy.armed.on = true;
    const res = await b
      .http()
      .post('/v1/orders')
      .set(customer.auth)
      .send({ serviceId: serviceOnB, link: 'https://instagram.com/p/chain', quantity: 1000 });
    expect(res.status, res.text).toBe(201);
    expect(proxy.armed.on).toBe(false); // the fault did happen
    const onB = await adminOrder(b, res.body.id as number);
    expect(onB).toMatchObject({ internalStatus: 'pending' });
    expect(onB.upstreamOrderId).not.toBeNull();
    // A placed it once and answered the resend with the same order.
    expect((await panel.sim.control.state()).orders).toHaveLength(1);
    const onA = await adminOrder(a, Number(onB.upstreamOrderId));
    expect(onA).toMatchObject({ internalStatus: 'pending' });
    const waiting = await a
      .http()
      .get('/v1/admin/orders')
      .query({ status: 'needs_reconciliation' })
      .set(a.admin);
    expect(waiting.body.items).toHaveLength(0);
  });

  it('on the facade: the same key and fields answer the same order; other fields are refused', async () => {
    const services = await rawCall(aApiUrl, { key: downstream.token, action: 'services' });
    const fields = {
      key: downstream.token,
      action: 'add',
      service: String((services.body as { service: number }[])[0]!.service),
      link: 'https://instagram.com/p/keyed',
      quantity: '100',
      idempotency_key: 'reseller-order-77',
    };
    const first = await rawCall(aApiUrl, fields);
    expect(first.body).toEqual({ order: expect.any(Number) });
    const again = await rawCall(aApiUrl, fields);
    expect(again.body).toEqual(first.body);
    const other = await rawCall(aApiUrl, { ...fields, quantity: '200' });
    expect(other.body).toEqual({ error: 'This idempotency key was used for another order' });
    const stored = await a.app.get(IdempotencyStore).find(downstream.id, 'reseller-order-77');
    expect(stored).toMatchObject({ state: 'done' });
  });
});
