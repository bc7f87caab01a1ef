import { OrderSyncService } from '../../apps/gateway/src/orders/sync/order-sync.service.js';
import { TokensService } from '../../apps/gateway/src/partners/tokens/tokens.service.js';
import { ScrapeGauges } from '../../apps/gateway/src/observability/scrape-gauges.js';
import { DataSource } from 'typeorm';
import { SqlDialect } from '../../apps/gateway/src/database/sql-dialect.js';
import { engine } from '../support/database.js';
import { startGateway, type TestGateway } from '../support/gateway.js';
import {
  addPanel,
  createPartner,
  createService,
  followers,
  type Panel,
  type TestPartner,
} from '../support/market.js';
import { promtoolCheck, sample, scrape, type Samples } from './scrape.js';

/**
 * GET /metrics under real traffic: orders placed, failed over, refused and settled move the
 * smmgw_* metrics, and the exposition passes `promtool check metrics`.
 */
describe(`Prometheus metrics (${engine})`, () => {
  let gw: TestGateway;
  let a: Panel;
  let b: Panel;
  let serviceId: number;
  let partner: TestPartner;
  const place = (link: string) =>
    gw.http().post('/v1/orders').set(partner.auth).send({ serviceId, link, quantity: 1000 });
  /** A scrape with the database-backed gauges recomputed now (they are cached for 5 s). */
  const fresh = async (): Promise<Samples> => {
    await gw.app.get(ScrapeGauges).refresh({ force: true });
    return (await scrape(gw)).samples;
  };

  beforeAll(async () => {
    gw = await startGateway({ env: { AUTH_FAILURES_PER_MINUTE: '2' } });
    a = await addPanel(gw, { name: 'panel-a', catalog: [followers(11, '1.00')] });
    b = await addPanel(gw, { name: 'panel-b', catalog: [followers(21, '1.50')] });
    serviceId = await createService(gw, { name: 'Followers' }, [
      { providerId: a.providerId, upstreamServiceId: 11 },
      { providerId: b.providerId, upstreamServiceId: 21 },
    ]);
    partner = await createPartner(gw, { name: 'reseller', credit: '100' });
  });

  afterAll(async () => {
    await a?.sim.close();
    await b?.sim.close();
    await gw?.close();
  });

  it('needs metrics:read or admin', async () => {
    expect((await gw.http().get('/metrics')).status).toBe(401);
    expect((await gw.http().get('/metrics').set(partner.auth)).status).toBe(403);
    // An operator token as `npm run cli -- create-admin-token --scopes metrics:read` makes it.
    const issued = await gw.app
      .get(TokensService)
      .issueOperatorToken({ name: 'prometheus', scopes: ['metrics:read'] }, { actor: 'cli' });
    const res = await gw
      .http()
      .get('/metrics')
      .set({ Authorization: `Bearer ${issued.token}` });
    expect(res.status).toBe(200);
    expect(res.text).toContain('process_cpu_seconds_total');
    expect(res.text).toContain('nodejs_heap_size_total_bytes');
  });

  it('moves as orders are placed, fail over, are refused and settle', async () => {
    const A = String(a.providerId);
    const B = String(b.providerId);
    const before = await fresh();

    expect((await place('https://instagram.com/p/1')).status).toBe(201);
    await a.sim.control.setFaults({ rejectAddWith: 'Not enough funds on balance' });
    expect((await place('https://instagram.com/p/2')).status).toBe(201); // failed over to B
    await a.sim.control.setFaults({ rejectAddWith: 'Incorrect link' });
    expect((await place('https://instagram.com/p/3')).status).toBe(422); // refused: nobody may take it
    await a.sim.control.setFaults({ html502EveryNth: 1, html502AfterCreate: true });
    expect((await place('https://instagram.com/p/4')).status).toBe(201); // outcome unknown
    for (const panel of [a, b]) await panel.sim.control.setFaults({ http429: true });
    expect((await place('https://instagram.com/p/5')).status).toBe(503); // nobody available
    for (const panel of [a, b]) await panel.sim.control.setFaults({});
    // The sweep is a minute late on every open order.
    const sql = gw.app.get(SqlDialect);
    await gw.app
      .get(DataSource)
      .query(`UPDATE orders SET next_poll_at = ${sql.param(1)} WHERE next_poll_at IS NOT NULL`, [
        sql.timestamp(new Date(Date.now() - 60_000)),
      ]);
    const placed = await fresh();

    const delta = (s: Samples, key: string) => sample(s, key) - sample(before, key);
    expect(delta(placed, 'smmgw_orders_placed_total{outcome="placed"}')).toBe(1);
    expect(delta(placed, 'smmgw_orders_placed_total{outcome="failed_over"}')).toBe(1);
    expect(delta(placed, 'smmgw_orders_placed_total{outcome="rejected"}')).toBe(1);
    expect(delta(placed, 'smmgw_orders_placed_total{outcome="ambiguous"}')).toBe(1);
    expect(delta(placed, 'smmgw_orders_placed_total{outcome="unavailable"}')).toBe(1);
    expect(sample(placed, 'smmgw_reconciliation_backlog')).toBe(1);
    expect(sample(placed, 'smmgw_status_sweep_lag_seconds')).toBeGreaterThanOrEqual(59);
    expect(
      delta(
        placed,
        `smmgw_upstream_requests_total{provider="${A}",action="add",outcome="success"}`,
      ),
    ).toBe(1);
    expect(
      delta(
        placed,
        `smmgw_upstream_requests_total{provider="${A}",action="add",outcome="rejected"}`,
      ),
    ).toBe(3); // funds, link, 429
    expect(
      delta(
        placed,
        `smmgw_upstream_requests_total{provider="${B}",action="add",outcome="success"}`,
      ),
    ).toBe(1);
    expect(
      delta(placed, `smmgw_upstream_request_duration_seconds_count{provider="${A}",action="add"}`),
    ).toBe(5);
    expect(delta(placed, 'smmgw_wallet_movements_total{kind="charge"}')).toBe(5);
    // The refused order and the one nobody could take.
    expect(delta(placed, 'smmgw_wallet_movements_total{kind="refund"}')).toBe(2);
    expect(sample(placed, 'smmgw_orders{status="pending"}')).toBe(2);
    expect(sample(placed, `smmgw_provider_up{provider="${A}"}`)).toBe(1);
    expect(
      sample(placed, `smmgw_provider_balance{provider="${A}",currency="USD"}`),
    ).toBeGreaterThan(0);
    expect(
      sample(placed, `smmgw_catalog_sync_duration_seconds_count{provider="${A}"}`),
    ).toBeGreaterThanOrEqual(1);
    expect(
      delta(placed, 'smmgw_http_requests_total{method="POST",route="/v1/orders",status="201"}'),
    ).toBe(3);
    expect(
      delta(placed, 'smmgw_http_requests_total{method="POST",route="/v1/orders",status="422"}'),
    ).toBe(1);

    // Settle: both upstream orders end Partial with half remaining; the sweep refunds them.
    for (const panel of [a, b]) {
      for (const o of (await panel.sim.control.state()).orders) {
        await panel.sim.control.setOrderStatus(o.id, { status: 'Partial', remains: '500' });
      }
    }
    await gw.app.get(OrderSyncService).sweep(new Date(Date.now() + 3_600_000));
    const settled = await fresh();
    expect(sample(settled, 'smmgw_orders{status="pending"}')).toBe(0);
    expect(sample(settled, 'smmgw_status_sweep_lag_seconds')).toBe(0);
    expect(delta(settled, 'smmgw_wallet_movements_total{kind="refund"}')).toBe(4);
    expect(
      delta(
        settled,
        `smmgw_upstream_requests_total{provider="${B}",action="status",outcome="success"}`,
      ),
    ).toBe(1);
  });

  it('logs: every line written while serving a request carries its id and caller', async () => {
    const res = await gw
      .http()
      .post('/v1/orders')
      .set(partner.auth)
      .set('X-Request-Id', 'order-trace-1')
      .send({ serviceId, link: 'https://instagram.com/p/logged', quantity: 1000 });
    expect(res.status, res.text).toBe(201);
    const lines = gw.logs
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((l) => l.requestId === 'order-trace-1');
    const me = await gw.http().get('/v1/me').set(partner.auth);
    const caller = { partnerId: partner.id, tokenId: me.body.tokenId as number };
    expect(lines.find((l) => l.msg === 'Upstream add')).toMatchObject(caller);
    expect(lines.filter((l) => l.msg === 'request completed')).toEqual([
      expect.objectContaining({
        ...caller,
        method: 'POST',
        route: '/v1/orders',
        status: 201,
        bytes: expect.any(Number),
        durationMs: expect.any(Number),
      }),
    ]);
    expect(gw.logs.join('\n')).not.toContain(partner.token);
  });

  it('counts refusals and never labels by raw path', async () => {
    for (let i = 0; i < 3; i++) {
      await gw.http().get('/v1/me').set({ Authorization: 'Bearer wrong-token' });
    }
    await gw.http().get('/v1/orders/123456789').set(partner.auth);
    await gw.http().get('/no/such/path/42');
    const { samples, text } = await scrape(gw);
    expect(sample(samples, 'smmgw_rate_limited_total{scope="address"}')).toBeGreaterThanOrEqual(1);
    expect(text).toContain('route="/v1/orders/:id"');
    expect(text).toContain('route="(unmatched)"');
    expect(text).not.toContain('123456789');
    expect(text).not.toContain('/no/such/path');
    expect(text).not.toMatch(/partner="|link="/);
  });

  it('passes promtool check metrics', async () => {
    const { text } = await scrape(gw);
    for (const name of [
      'smmgw_http_requests_total',
      'smmgw_http_request_duration_seconds',
      'smmgw_upstream_requests_total',
      'smmgw_upstream_request_duration_seconds',
      'smmgw_orders_placed_total',
      'smmgw_orders',
      'smmgw_reconciliation_backlog',
      'smmgw_status_sweep_lag_seconds',
      'smmgw_provider_up',
      'smmgw_provider_balance',
      'smmgw_wallet_movements_total',
      'smmgw_catalog_sync_duration_seconds',
      'smmgw_rate_limited_total',
    ]) {
      expect(text).toContain(`# TYPE ${name} `);
    }
    expect(promtoolCheck(text)).toEqual({ status: 0, output: '' });
  });
});
