import { ProviderEjections } from '../../apps/gateway/src/providers/provider-ejections.js';
import { ScrapeGauges } from '../../apps/gateway/src/observability/scrape-gauges.js';
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
import { sample, scrape } from './scrape.js';

/**
 * Outlier ejection with real panels: A is the cheapest and starts failing every call; after
 * UPSTREAM_EJECT_AFTER_FAILURES failed or ambiguous calls it is ejected, gets only balance probes
 * while out, and returns once a probe succeeds. Probes are driven through ProviderEjections with
 * a clock ahead of the ejection's end (the job calls the same method every second).
 */
describe(`upstream ejection (${engine})`, () => {
  let gw: TestGateway;
  let a: Panel;
  let b: Panel;
  let both: number;
  let onlyA: number;
  let partner: TestPartner;
  let n = 0;
  const place = (serviceId = both) =>
    gw
      .http()
      .post('/v1/orders')
      .set(partner.auth)
      .send({ serviceId, link: `https://instagram.com/p/${++n}`, quantity: 1000 });
  const provider = async (id: number) => {
    const res = await gw.http().get(`/v1/admin/providers/${id}`).set(gw.admin);
    expect(res.status).toBe(200);
    return res.body as {
      ejectedUntil: string | null;
      health: {
        state: string;
        since: string | null;
        until: string | null;
        reason: string | null;
        manual: boolean;
        recentEjections: number;
      };
    };
  };
  const requests = async (panel: Panel) => (await panel.sim.control.state()).requestCounts;
  const probeLater = (ms: number) =>
    gw.app.get(ProviderEjections).probeDue(new Date(Date.now() + ms));
  const up = async (panel: Panel) => {
    await gw.app.get(ScrapeGauges).refresh({ force: true });
    return sample((await scrape(gw)).samples, `smmgw_provider_up{provider="${panel.providerId}"}`);
  };
  const audit = async (action: string) => {
    const res = await gw.http().get(`/v1/admin/audit?action=${action}`).set(gw.admin);
    expect(res.status, res.text).toBe(200);
    return res.body.items as {
      actor: string;
      targetId: string;
      details: Record<string, unknown>;
    }[];
  };

  beforeAll(async () => {
    gw = await startGateway({
      env: {
        UPSTREAM_EJECT_AFTER_FAILURES: '3',
        UPSTREAM_EJECT_BASE_SECONDS: '30',
        UPSTREAM_EJECT_MAX_SECONDS: '60',
      },
    });
    a = await addPanel(gw, {
      name: 'panel-a',
      catalog: [followers(11, '1.00'), followers(12, '1.00')],
    });
    b = await addPanel(gw, { name: 'panel-b', catalog: [followers(21, '1.50')] });
    both = await createService(gw, { name: 'Followers' }, [
      { providerId: a.providerId, upstreamServiceId: 11 },
      { providerId: b.providerId, upstreamServiceId: 21 },
    ]);
    onlyA = await createService(gw, { name: 'Followers (A only)' }, [
      { providerId: a.providerId, upstreamServiceId: 12 },
    ]);
    partner = await createPartner(gw, { name: 'reseller', credit: '1000' });
  });

  afterAll(async () => {
    await a?.sim.close();
    await b?.sim.close();
    await gw?.close();
  });

  it('does not count refusals about the request (funds, quantity, link) as failures', async () => {
    await a.sim.control.setFaults({ rejectAddWith: 'Not enough funds on balance' });
    for (let i = 0; i < 4; i++) expect((await place()).status).toBe(201); // failed over to B
    await a.sim.control.setFaults({ rejectAddWith: 'Incorrect link' });
    for (let i = 0; i < 4; i++) expect((await place()).status).toBe(422);
    await a.sim.control.setFaults({});
    expect((await provider(a.providerId)).health.state).toBe('in_rotation');
  });

  it('ejects after the configured failures, sends only probes while out, returns after recovery', async () => {
    await a.sim.control.setFaults({ html502EveryNth: 1 }); // every call: an HTML 502 page
    for (let i = 0; i < 3; i++) expect((await place()).status).toBe(201); // ambiguous, not failed over
    const ejected = await provider(a.providerId);
    expect(ejected.health).toMatchObject({
      state: 'ejected',
      manual: false,
      recentEjections: 1,
      reason: '3 consecutive failed or ambiguous calls',
    });
    const since = Date.parse(ejected.health.since!);
    expect(Date.parse(ejected.health.until!) - since).toBeGreaterThanOrEqual(29_000);
    expect(await up(a)).toBe(0);
    expect((await audit('provider.ejected')).at(0)).toMatchObject({
      actor: 'health-check',
      targetId: String(a.providerId),
    });

    // While out: orders go to B, nothing reaches A; the explain view says so.
    const before = await requests(a);
    for (let i = 0; i < 3; i++) expect((await place()).status).toBe(201);
    expect(await requests(a)).toEqual(before);
    const routes = await gw
      .http()
      .get(`/v1/admin/services/${both}/routes?quantity=1000`)
      .set(gw.admin);
    expect(routes.body.ranked.map((r: { providerId: number }) => r.providerId)).toEqual([
      b.providerId,
    ]);
    expect(routes.body.excluded[0].reasons[0].code).toBe('provider_ejected');

    // The last provider able to serve a service stays usable, and the explain view says why.
    const last = await gw
      .http()
      .get(`/v1/admin/services/${onlyA}/routes?quantity=1000`)
      .set(gw.admin);
    expect(last.body.ranked).toHaveLength(1);
    expect(last.body.ranked[0]).toMatchObject({ providerId: a.providerId });
    expect(last.body.ranked[0].note).toMatch(/last resort/);

    // A probe before the ejection ends does nothing; after it, a failed probe ejects it again, longer.
    await probeLater(0);
    expect(await requests(a)).toEqual(before);
    await probeLater(31_000);
    expect((await requests(a)).balance).toBe((before.balance ?? 0) + 1);
    const again = await provider(a.providerId);
    expect(again.health).toMatchObject({ state: 'ejected', recentEjections: 2 });
    expect(again.health.reason).toMatch(/^balance probe failed/);
    expect(again.health.since).toBe(ejected.health.since);
    expect(Date.parse(again.health.until!) - Date.now()).toBeGreaterThan(55_000); // 30 × 2, capped at 60

    // Recovered upstream: the next probe succeeds and A is back first in line.
    await a.sim.control.setFaults({});
    await probeLater(61_000);
    expect((await provider(a.providerId)).health).toMatchObject({
      state: 'in_rotation',
      since: null,
    });
    expect(await up(a)).toBe(1);
    expect((await audit('provider.recovered')).at(0)).toMatchObject({
      actor: 'health-check',
      details: { reason: 'a balance probe succeeded' },
    });
    const orders = (await a.sim.control.state()).orders.length;
    expect((await place()).status).toBe(201);
    expect((await a.sim.control.state()).orders).toHaveLength(orders + 1);
  });

  it('lets an admin eject and restore by hand; probes leave a manual ejection alone', async () => {
    const ejected = await gw
      .http()
      .post(`/v1/admin/providers/${a.providerId}/eject`)
      .set(gw.admin)
      .send({ reason: 'maintenance' });
    expect(ejected.status, ejected.text).toBe(200);
    expect(ejected.body.health).toMatchObject({
      state: 'ejected',
      manual: true,
      reason: 'maintenance',
    });
    await probeLater(365 * 86_400_000);
    expect((await provider(a.providerId)).health.state).toBe('ejected');
    expect((await audit('provider.ejected')).at(0)).toMatchObject({
      actor: 'admin-token (environment)',
      details: { manual: true, reason: 'maintenance' },
    });
    const bad = await gw
      .http()
      .post(`/v1/admin/providers/${a.providerId}/eject`)
      .set(gw.admin)
      .send({ seconds: 0 });
    expect(bad.status).toBe(400);
    const restored = await gw
      .http()
      .post(`/v1/admin/providers/${a.providerId}/restore`)
      .set(gw.admin);
    expect(restored.status, restored.text).toBe(200);
    expect(restored.body.health).toMatchObject({
      state: 'in_rotation',
      until: null,
      manual: false,
    });
    expect((await gw.http().post('/v1/admin/providers/999999/restore').set(gw.admin)).status).toBe(
      404,
    );
  });
});
