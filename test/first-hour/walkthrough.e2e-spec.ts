import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { startSimulator, type SimulatorHandle } from '../../apps/provider-sim/src/index.js';
import { startListeningGateway } from '../compat/support.js';
import { ADMIN_TOKEN, type TestGateway } from '../support/gateway.js';
import { followers } from '../support/market.js';

const run = promisify(execFile);
const SCRIPT = resolve('docs/walkthrough.sh');

// The README's walkthrough, pasted as a user would: against a real gateway and panel, twice.
describe('docs/walkthrough.sh', () => {
  let gw: TestGateway;
  let apiUrl: string;
  let sim: SimulatorHandle;

  beforeAll(async () => {
    ({ gw, apiUrl } = await startListeningGateway());
    sim = await startSimulator({ apiKey: 'walkthrough-key', catalog: [followers(1, '1.00')] });
  });

  afterAll(async () => {
    await sim?.close();
    await gw?.close();
  });

  it('places an order from an empty gateway, and runs again on the same gateway', async () => {
    const env = {
      PATH: process.env.PATH,
      GW: apiUrl.replace(/\/api\/v2$/, ''),
      ADMIN_TOKEN,
      PANEL_URL: sim.url,
      PANEL_KEY: 'walkthrough-key',
    };
    for (const round of [1, 2]) {
      const { stdout } = await run('bash', [SCRIPT], { env, timeout: 60_000 });
      expect(stdout, `round ${round}`).toMatch(/Placed order \d+ for partner \d+/);
      expect(stdout).toContain('"status":"pending"');
    }
    const orders = await gw.http().get('/v1/admin/orders').set(gw.admin);
    expect(orders.body.items).toHaveLength(2);
  });
});
