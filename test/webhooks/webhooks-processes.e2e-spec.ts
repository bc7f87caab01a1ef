import {
  addPanel,
  adminOrder,
  createPartner,
  createService,
  followers,
  processApi,
  type GatewayApi,
  type Panel,
} from '../support/market.js';
import { useGatewayProcesses } from '../support/process.js';
import { WebhookReceiver } from '../support/webhook-receiver.js';

/**
 * Webhook delivery across real gateway processes on one database (this tier's engine): the outbox
 * survives a SIGKILL, and two processes delivering together send every attempt once.
 */

const SCOPES = ['orders:read', 'orders:write', 'webhooks:write'];
const HOOKS = { WEBHOOK_ALLOW_PRIVATE: 'true', WEBHOOK_POLL_MS: '50' };

const until = async (check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
};

/** How many deliveries this process counted, by result (its own metrics). */
async function delivered(api: GatewayApi): Promise<number> {
  const res = await api.http().get('/metrics').set(api.admin);
  const line = (res.text as string)
    .split('\n')
    .find((l) => l.startsWith('smmgw_webhook_deliveries_total{result="delivered"}'));
  return line ? Number(line.split(' ').pop()) : 0;
}

describe('webhook delivery across processes', () => {
  let panel: Panel | undefined;
  let receiver: WebhookReceiver | undefined;
  const fleet = useGatewayProcesses();
  fleet.onCleanup(async () => {
    await panel?.sim.close();
    await receiver?.close();
  });

  it(
    'a status change committed just before a SIGKILL is delivered after the restart',
    { timeout: 90_000 },
    async () => {
      receiver = await WebhookReceiver.start();
      // Delivery off: the event can only wait in the outbox when the process dies.
      const first = await fleet.start({ ...HOOKS, WEBHOOK_DELIVERY_ENABLED: 'false' });
      const api = processApi(first.url);
      panel = await addPanel(api, { name: 'panel', catalog: [followers(1, '1.00')] });
      const serviceId = await createService(api, { name: 'Followers' }, [
        { providerId: panel.providerId, upstreamServiceId: 1 },
      ]);
      const partner = await createPartner(api, { name: 'kill', credit: '10', scopes: SCOPES });
      const hook = await api
        .http()
        .post('/v1/webhooks')
        .set(partner.auth)
        .send({ url: `${receiver.url}/killed`, events: ['order.updated'] });
      expect(hook.status, hook.text).toBe(201);
      const placed = await api
        .http()
        .post('/v1/orders')
        .set(partner.auth)
        .send({ serviceId, link: 'https://instagram.com/p/kill', quantity: 1000 });
      expect(placed.status, placed.text).toBe(201);
      const orderId = placed.body.id as number;
      const upstreamId = Number((await adminOrder(api, orderId)).upstreamOrderId);
      await panel.sim.control.setOrderStatus(upstreamId, { status: 'Completed', remains: 0 });
      // The sync job (every second) records Completed, and its event in the same transaction.
      await until(async () => {
        const res = await api.http().get(`/v1/orders/${orderId}`).set(partner.auth);
        return res.body.status === 'completed';
      });
      await first.stop('SIGKILL');
      expect(receiver.received).toEqual([]);

      const second = await fleet.start(HOOKS);
      await receiver.waitFor((r) => r.length === 1, 20_000);
      const [event] = receiver.received;
      expect(event!.path).toBe('/killed');
      expect(event!.event).toMatchObject({
        type: 'order.updated',
        data: { id: orderId, status: 'completed', remains: 0 },
      });
      expect(WebhookReceiver.verify(event!, hook.body.secret as string)).toBeTruthy();
      await second.stop(); // the next test counts its own two processes' deliveries
    },
  );

  it(
    'two processes delivering together send each attempt exactly once',
    { timeout: 90_000 },
    async () => {
      receiver ??= await WebhookReceiver.start();
      const [a, b] = await Promise.all([fleet.start(HOOKS), fleet.start(HOOKS)]);
      const apiA = processApi(a!.url);
      const apiB = processApi(b!.url);
      const partner = await createPartner(apiA, { name: 'pair', scopes: SCOPES });
      const hook = await apiA
        .http()
        .post('/v1/webhooks')
        .set(partner.auth)
        .send({ url: `${receiver.url}/pair` });
      expect(hook.status, hook.text).toBe(201);
      // 20 failures first: those events are attempted twice, every other one once.
      receiver.answerNext('/pair', ...Array<number>(20).fill(503));
      const ids: string[] = [];
      await Promise.all(
        Array.from({ length: 4 }, async (_, lane) => {
          const api = lane % 2 === 0 ? apiA : apiB;
          for (let i = 0; i < 50; i++) {
            const res = await api
              .http()
              .post(`/v1/webhooks/${hook.body.id}/test`)
              .set(partner.auth);
            expect(res.status, res.text).toBe(202);
            ids.push(res.body.webhookId as string);
          }
        }),
      );
      expect(new Set(ids).size).toBe(200);
      await receiver.waitFor(
        (r) =>
          new Set(
            r
              .filter((x) => x.path === '/pair' && x.status === 200)
              .map((x) => x.headers['webhook-id']),
          ).size === 200,
        60_000,
      );
      await new Promise((r) => setTimeout(r, 500));
      const got = receiver.received.filter((x) => x.path === '/pair');
      const ok = got.filter((x) => x.status === 200).map((x) => String(x.headers['webhook-id']));
      expect(ok.length).toBe(200);
      expect(new Set(ok)).toEqual(new Set(ids));
      expect(got).toHaveLength(220);
      // Both processes took part, and together they count every success once.
      const [byA, byB] = await Promise.all([delivered(apiA), delivered(apiB)]);
      expect(byA + byB).toBe(200);
      expect(byA).toBeGreaterThan(0);
      expect(byB).toBeGreaterThan(0);
    },
  );
});
