import { startGateway, type TestGateway } from './gateway.js';
import {
  addPanel,
  createPartner,
  createService,
  followers,
  type Panel,
  type TestPartner,
} from './market.js';
import { WebhookReceiver } from './webhook-receiver.js';

/** A partner token that may also manage webhooks. */
export const WEBHOOK_SCOPES = [
  'services:read',
  'orders:read',
  'orders:write',
  'balance:read',
  'webhooks:write',
];

/** One gateway, one panel selling service 1 at 1.00 per 1000, two funded partners, a receiver. */
export interface WebhookMarket {
  gw: TestGateway;
  panel: Panel;
  serviceId: number;
  alice: TestPartner;
  bob: TestPartner;
  receiver: WebhookReceiver;
}

/**
 * Starts a market for the enclosing describe block. The gateway allows loopback http targets
 * (WEBHOOK_ALLOW_PRIVATE=true), retries after 50 ms and polls every 50 ms.
 */
export function useWebhookMarket(): WebhookMarket {
  const m = {} as WebhookMarket;
  beforeAll(async () => {
    m.receiver = await WebhookReceiver.start();
    m.gw = await startGateway({
      env: {
        RATE_LIMIT_PER_MINUTE: '100000',
        WEBHOOK_ALLOW_PRIVATE: 'true',
        WEBHOOK_RETRY_BASE_SECONDS: '0.05',
        WEBHOOK_POLL_MS: '50',
      },
    });
    m.panel = await addPanel(m.gw, { name: 'panel', catalog: [followers(1, '1.00')] });
    m.serviceId = await createService(m.gw, { name: 'Followers', refill: true }, [
      { providerId: m.panel.providerId, upstreamServiceId: 1 },
    ]);
    m.alice = await createPartner(m.gw, { name: 'alice', credit: '100', scopes: WEBHOOK_SCOPES });
    m.bob = await createPartner(m.gw, { name: 'bob', credit: '100', scopes: WEBHOOK_SCOPES });
  });
  afterAll(async () => {
    await m.panel?.sim.close();
    await m.gw?.close();
    await m.receiver?.close();
  });
  return m;
}
