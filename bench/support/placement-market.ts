import type { SimService } from '../../apps/provider-sim/src/index.js';
import type { BenchGateway } from './gateway.js';
import type { SimProcess } from './sim-process.js';

/** The simulated panel's catalog for the benches: one service. */
export const PLACEMENT_CATALOG: SimService[] = [
  {
    service: 1,
    name: 'Instagram Followers',
    type: 'Default',
    category: 'Instagram Followers',
    rate: '0.5',
    min: '10',
    max: '100000',
    refill: true,
    cancel: true,
  },
];

/** Credit for the partner (and balance on the panel): never the limit. */
export const PLACEMENT_LOTS = '1000000000';

/**
 * One provider on the simulator, one service mapped to its offer, a partner with a token (of
 * `scopes`) and lots of credit.
 */
export async function market(
  gw: BenchGateway,
  sim: SimProcess,
  scopes: readonly string[] = ['orders:read', 'orders:write'],
): Promise<{ token: string; partnerId: number; serviceId: number }> {
  const provider = await gw.admin<{ id: number }>('POST', '/v1/admin/providers', {
    name: 'bench panel',
    apiUrl: sim.url,
    apiKey: sim.apiKey,
  });
  await gw.admin('POST', `/v1/admin/providers/${provider.id}/sync`);
  const service = await gw.admin<{ id: number }>('POST', '/v1/admin/services', {
    name: 'Instagram Followers',
    type: 'Default',
    category: 'Instagram Followers',
  });
  await gw.admin('PUT', `/v1/admin/services/${service.id}/offers`, {
    offers: [{ providerId: provider.id, upstreamServiceId: '1' }],
  });
  const partner = await gw.admin<{ id: number }>('POST', '/v1/admin/partners', {
    name: 'bench partner',
  });
  const issued = await gw.admin<{ token: string }>(
    'POST',
    `/v1/admin/partners/${partner.id}/tokens`,
    { scopes, name: 'bench' },
  );
  await gw.admin('POST', `/v1/admin/partners/${partner.id}/ledger`, {
    amount: PLACEMENT_LOTS,
    reason: 'bench credit',
  });
  return { token: issued.token, partnerId: partner.id, serviceId: service.id };
}
