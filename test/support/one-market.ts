import { startGateway, type TestGateway } from './gateway.js';
import {
  addPanel,
  createPartner,
  createService,
  followers,
  type Panel,
  type TestPartner,
} from './market.js';

/** The smallest market: one gateway, one panel, one service mapped on it, one funded partner. */
export interface OneMarket {
  gw: TestGateway;
  panel: Panel;
  serviceId: number;
  partner: TestPartner;
}

/**
 * Starts a market for the enclosing describe block: the panel sells service 1 at 1.00 per 1000,
 * so 1000 units cost the partner (no markup) exactly 1; the partner starts with 10.
 */
export function useOneMarket(partnerName: string): OneMarket {
  const m = {} as OneMarket;
  beforeAll(async () => {
    m.gw = await startGateway({ env: { RATE_LIMIT_PER_MINUTE: '100000' } });
    m.panel = await addPanel(m.gw, { name: 'panel', catalog: [followers(1, '1.00')] });
    m.serviceId = await createService(m.gw, { name: 'Followers' }, [
      { providerId: m.panel.providerId, upstreamServiceId: 1 },
    ]);
    m.partner = await createPartner(m.gw, { name: partnerName, credit: '10' });
  });
  afterAll(async () => {
    await m.panel?.sim.close();
    await m.gw?.close();
  });
  return m;
}
