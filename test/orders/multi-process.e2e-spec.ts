import { Decimal } from 'decimal.js';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../apps/gateway/src/config/app-config.js';
import { dataSourceOptions } from '../../apps/gateway/src/database/data-source-options.js';
import { SqlDialect } from '../../apps/gateway/src/database/sql-dialect.js';
import { engine } from '../support/database.js';
import { TEST_SECRETS } from '../support/gateway.js';
import {
  addPanel,
  balanceOf,
  createPartner,
  createService,
  followers,
  processApi,
  type Panel,
} from '../support/market.js';
import { useGatewayProcesses } from '../support/process.js';

const ORDERS = 120;

async function makeAllOrdersDue(databaseUrl: string): Promise<void> {
  const config = loadConfig({ DATABASE_URL: databaseUrl, ...TEST_SECRETS });
  const ds = await new DataSource(dataSourceOptions(config.database)).initialize();
  try {
    const sql = new SqlDialect(ds);
    await ds.query(`UPDATE orders SET next_poll_at = ${sql.param(1)}`, [sql.timestamp(new Date())]);
  } finally {
    await ds.destroy();
  }
}

/**
 * Two gateway processes on one database, both running the status sync. Row leases
 * (FOR UPDATE SKIP LOCKED on PostgreSQL; an atomic UPDATE … RETURNING on SQLite) must make them
 * share the work: every order polled once per cycle, every partial order refunded once.
 */
describe(`two gateway processes share the status sync (${engine})`, () => {
  let panel: Panel | undefined;
  const fleet = useGatewayProcesses();
  fleet.onCleanup(async () => panel?.sim.close());

  it(
    'polls each order once per cycle and refunds each partial order once',
    { timeout: 120_000 },
    async () => {
      const env = {
        // Nothing is polled on its own while the test sets up; the test starts the cycle itself.
        ORDER_FIRST_POLL_SECONDS: '3600',
        // The test watches orders through reads: they must not poll upstreams themselves.
        ORDER_STATUS_FRESHNESS_SECONDS: '86400',
      };
      const first = await fleet.start(env);
      const second = await fleet.start(env);
      const processes = [first, second];
      const api = processApi(first.url);
      panel = await addPanel(api, { name: 'panel', catalog: [followers(1, '1.00')] });
      const serviceId = await createService(api, { name: 'Followers' }, [
        { providerId: panel.providerId, upstreamServiceId: 1 },
      ]);
      const partner = await createPartner(api, { name: 'busy-partner', credit: '1000' });

      const orderIds: number[] = [];
      for (let i = 0; i < ORDERS; i++) {
        const via = processApi(processes[i % 2]!.url);
        const res = await via
          .http()
          .post('/v1/orders')
          .set(partner.auth)
          .send({ serviceId, link: `https://instagram.com/p/${i}`, quantity: 1000 });
        expect(res.status, res.text).toBe(201);
        orderIds.push(res.body.id as number);
      }
      // Every order charged 1; each ends Partial with 250 of 1000 remaining: 0.25 back, once.
      for (const o of (await panel.sim.control.state()).orders) {
        await panel.sim.control.setOrderStatus(o.id, { status: 'Partial', remains: '250' });
      }
      // One poll cycle: every order due now; both processes' sweeps run every second.
      await makeAllOrdersDue(fleet.db.url);

      const deadline = Date.now() + 60_000;
      for (;;) {
        const res = await api
          .http()
          .get(`/v1/orders?ids=${orderIds.slice(0, 100).join(',')}`)
          .set(partner.auth);
        const rest = await api
          .http()
          .get(`/v1/orders?ids=${orderIds.slice(100).join(',')}`)
          .set(partner.auth);
        const statuses = [...res.body.results, ...rest.body.results].map(
          (r: { order: { status: string } }) => r.order.status,
        );
        if (statuses.every((s) => s === 'partial')) break;
        if (Date.now() > deadline) throw new Error(`not all partial: ${JSON.stringify(statuses)}`);
        await new Promise((r) => setTimeout(r, 250));
      }

      const upstream = (await panel.sim.control.state()).orders;
      expect(upstream).toHaveLength(ORDERS);
      expect(upstream.map((o) => o.statusQueries)).toEqual(upstream.map(() => 1));

      const expected = new Decimal('1000').minus(ORDERS).plus(new Decimal('0.25').times(ORDERS));
      expect(await balanceOf(api, partner)).toBe(expected.toFixed());
      const ledger = await api
        .http()
        .get(`/v1/admin/partners/${partner.id}/ledger?limit=200`)
        .set(api.admin);
      const refunds = (ledger.body.items as { kind: string; amount: string }[]).filter(
        (e) => e.kind === 'refund',
      );
      expect(refunds).toHaveLength(ORDERS);
      expect(new Set(refunds.map((e) => e.amount))).toEqual(new Set(['0.25']));
    },
  );
});
