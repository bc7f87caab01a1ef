import { Decimal } from 'decimal.js';
import type {
  MarginGroupDto,
  ProviderSpendDto,
} from '../../apps/gateway/src/reports/dto/report.dto.js';
import { OrderSyncService } from '../../apps/gateway/src/orders/sync/order-sync.service.js';
import { startGateway, type TestGateway } from '../support/gateway.js';
import {
  addPanel,
  adminOrder,
  createPartner,
  createService,
  followers,
  setCurrencyRate,
  type Panel,
  type TestPartner,
} from '../support/market.js';

/**
 * The money view on one small market, every figure computed here from the price lists and
 * rates alone (never read back from the gateway) and asserted to the last decimal.
 *
 * Base currency USD; 1 EUR = 1.08 USD. Three panels sell the same followers:
 *   eur  — 0.9 EUR per 1000 (0.972 USD): the cheapest;
 *   usd  — 1.00 USD per 1000: next;
 *   dear — 1.25 USD per 1000: the most expensive.
 * Partners: `dollar` pays in USD at +10 %, `euro` in EUR at +20 %. A partner's rate is
 * ceil₅(cheapest cost per 1000 × (1 + markup) ÷ its currency's rate).
 *
 * Orders: (1) dollar 1000, completed; (2) euro 2000 while `eur` refuses: fails over to `usd`;
 * (3) dollar 1000, Partial with 250 remains; (4) euro 500, Canceled; (5) dollar 1000 while `eur`
 * reports every charge 20 % above its price list.
 */

const D = (v: Decimal.Value) => new Decimal(v);
const EUR_USD = D('1.08');
const RATE = { eur: D('0.9'), usd: D('1.00'), dear: D('1.25') };
const BASE_PER_1000 = { eur: RATE.eur.times(EUR_USD), usd: RATE.usd, dear: RATE.dear };
const ceil5 = (v: Decimal) => v.toDecimalPlaces(5, Decimal.ROUND_CEIL);
const down5 = (v: Decimal) => v.toDecimalPlaces(5, Decimal.ROUND_DOWN);
const dollarRate = ceil5(BASE_PER_1000.eur.times('1.1'));
const euroRate = ceil5(BASE_PER_1000.eur.times('1.2').div(EUR_USD));
const perK = (rate: Decimal, qty: number) => rate.times(qty).div(1000);

interface Expected {
  partner: 'dollar' | 'euro';
  qty: number;
  charge: Decimal;
  refunded: Decimal;
  /** Partner currency → USD. */
  fx: Decimal;
  /** Upstream: panel, its currency rate, expected cost net of its refund, reported charge. */
  panel: 'eur' | 'usd';
  upstreamFx: Decimal;
  net: Decimal;
  reported: Decimal;
  costBase: Decimal;
  nextBest: Decimal;
  max: Decimal;
}

const ORDERS: Expected[] = [
  {
    partner: 'dollar',
    qty: 1000,
    charge: perK(dollarRate, 1000),
    refunded: D(0),
    fx: D(1),
    panel: 'eur',
    upstreamFx: EUR_USD,
    net: perK(RATE.eur, 1000),
    reported: perK(RATE.eur, 1000),
    costBase: perK(BASE_PER_1000.eur, 1000),
    nextBest: perK(BASE_PER_1000.usd, 1000),
    max: perK(BASE_PER_1000.dear, 1000),
  },
  {
    partner: 'euro',
    qty: 2000,
    charge: perK(euroRate, 2000),
    refunded: D(0),
    fx: EUR_USD,
    panel: 'usd',
    upstreamFx: D(1),
    net: perK(RATE.usd, 2000),
    reported: perK(RATE.usd, 2000),
    costBase: perK(BASE_PER_1000.usd, 2000),
    // After the usd offer, the ranking's next is the dear one.
    nextBest: perK(BASE_PER_1000.dear, 2000),
    max: perK(BASE_PER_1000.dear, 2000),
  },
  {
    partner: 'dollar',
    qty: 1000,
    charge: perK(dollarRate, 1000),
    refunded: down5(perK(dollarRate, 1000).times(250).div(1000)),
    fx: D(1),
    panel: 'eur',
    upstreamFx: EUR_USD,
    net: perK(RATE.eur, 750),
    // The panel (like many) keeps showing the original charge after its Partial refund.
    reported: perK(RATE.eur, 1000),
    costBase: perK(BASE_PER_1000.eur, 1000),
    nextBest: perK(BASE_PER_1000.usd, 1000),
    max: perK(BASE_PER_1000.dear, 1000),
  },
  {
    partner: 'euro',
    qty: 500,
    charge: perK(euroRate, 500),
    refunded: perK(euroRate, 500),
    fx: EUR_USD,
    panel: 'eur',
    upstreamFx: EUR_USD,
    net: D(0),
    reported: perK(RATE.eur, 500),
    costBase: perK(BASE_PER_1000.eur, 500),
    nextBest: perK(BASE_PER_1000.usd, 500),
    max: perK(BASE_PER_1000.dear, 500),
  },
  {
    partner: 'dollar',
    qty: 1000,
    charge: perK(dollarRate, 1000),
    refunded: D(0),
    fx: D(1),
    panel: 'eur',
    upstreamFx: EUR_USD,
    net: perK(RATE.eur, 1000),
    reported: perK(RATE.eur, 1000).times('1.2'),
    costBase: perK(BASE_PER_1000.eur, 1000),
    nextBest: perK(BASE_PER_1000.usd, 1000),
    max: perK(BASE_PER_1000.dear, 1000),
  },
];

const sum = (list: Expected[], f: (o: Expected) => Decimal) =>
  list.reduce((total, o) => total.plus(f(o)), D(0));
const s = (v: Decimal) => v.toFixed();

function marginFigures(list: Expected[]) {
  const revenueBase = sum(list, (o) => o.charge.minus(o.refunded).times(o.fx));
  const expected = sum(list, (o) => o.net.times(o.upstreamFx));
  const reported = sum(list, (o) => o.reported.times(o.upstreamFx));
  const margin = revenueBase.minus(expected);
  const currencies = [...new Set(list.map((o) => (o.partner === 'euro' ? 'EUR' : 'USD')))].sort();
  return {
    orders: list.length,
    revenue: currencies.map((currency) => {
      const mine = list.filter((o) => (o.partner === 'euro' ? 'EUR' : 'USD') === currency);
      const charged = sum(mine, (o) => o.charge);
      const refunded = sum(mine, (o) => o.refunded);
      return {
        currency,
        charged: s(charged),
        refunded: s(refunded),
        net: s(charged.minus(refunded)),
      };
    }),
    revenueBase: s(revenueBase),
    upstreamCost: { expected: s(expected), reported: s(reported), reportedOrders: list.length },
    margin: s(margin),
    marginPercent: s(
      margin.times(100).div(revenueBase).toDecimalPlaces(4, Decimal.ROUND_HALF_EVEN),
    ),
    marginOnReported: s(revenueBase.minus(reported)),
  };
}

function savingsFigures(list: Expected[]) {
  const chosen = sum(list, (o) => o.costBase);
  const next = sum(list, (o) => o.nextBest);
  const max = sum(list, (o) => o.max);
  return {
    orders: list.length,
    ordersWithAlternative: list.length,
    chosenCost: s(chosen),
    nextBestCost: s(next),
    mostExpensiveCost: s(max),
    savedVsNextBest: s(next.minus(chosen)),
    savedVsMostExpensive: s(max.minus(chosen)),
  };
}

/** A CSV body as records keyed by its header (the reports never quote numbers). */
function parseCsv(body: string): Record<string, string>[] {
  const [header, ...lines] = body.trimEnd().split('\r\n');
  const columns = header!.split(',');
  return lines.map((line) => {
    const cells = line.split(',');
    return Object.fromEntries(columns.map((c, i) => [c, cells[i] ?? '']));
  });
}

describe('money view: margin, savings, upstream spend and partner spend', () => {
  let gw: TestGateway;
  const panels = {} as Record<'eur' | 'usd' | 'dear', Panel>;
  const partners = {} as Record<'dollar' | 'euro', TestPartner>;
  let serviceId: number;
  const ids: number[] = [];
  let failedId: number;
  const from = new Date(Date.now() - 60_000).toISOString();
  const to = new Date(Date.now() + 3_600_000).toISOString();
  const sweep = () => gw.app.get(OrderSyncService).sweep(new Date(Date.now() + 3_600_000));

  const order = async (who: 'dollar' | 'euro', quantity: number): Promise<number> => {
    const res = await gw
      .http()
      .post('/v1/orders')
      .set(partners[who].auth)
      .send({ serviceId, link: `https://instagram.com/p/${ids.length}`, quantity });
    expect(res.status, res.text).toBe(201);
    ids.push(res.body.id as number);
    return res.body.id as number;
  };
  const upstreamId = async (id: number) => Number((await adminOrder(gw, id)).upstreamOrderId);
  const refreshBalance = async (panel: Panel) => {
    const res = await gw
      .http()
      .post(`/v1/admin/providers/${panel.providerId}/balance`)
      .set(gw.admin);
    expect(res.status, res.text).toBeLessThan(300);
  };
  const report = (path: string, query: Record<string, string>, csv = false) => {
    const req = gw.http().get(path).query(query).set(gw.admin);
    return csv ? req.set('Accept', 'text/csv') : req;
  };

  beforeAll(async () => {
    gw = await startGateway({
      env: { RATE_LIMIT_PER_MINUTE: '100000', REPORT_RANGE_REQUIRED_ABOVE_ORDERS: '3' },
    });
    await setCurrencyRate(gw, 'EUR', EUR_USD.toFixed());
    panels.eur = await addPanel(gw, {
      name: 'eur',
      currency: 'EUR',
      catalog: [followers(1, RATE.eur.toFixed())],
    });
    panels.usd = await addPanel(gw, { name: 'usd', catalog: [followers(2, RATE.usd.toFixed())] });
    panels.dear = await addPanel(gw, {
      name: 'dear',
      catalog: [followers(3, RATE.dear.toFixed())],
    });
    serviceId = await createService(gw, { name: 'Followers' }, [
      { providerId: panels.eur.providerId, upstreamServiceId: 1 },
      { providerId: panels.usd.providerId, upstreamServiceId: 2 },
      { providerId: panels.dear.providerId, upstreamServiceId: 3 },
    ]);
    partners.dollar = await createPartner(gw, {
      name: 'dollar',
      markupPercent: '10',
      credit: '100',
    });
    partners.euro = await createPartner(gw, {
      name: 'euro',
      currency: 'EUR',
      markupPercent: '20',
      credit: '100',
    });
    await refreshBalance(panels.eur);
    await refreshBalance(panels.usd);

    const o1 = await order('dollar', 1000);
    await panels.eur.sim.control.setFaults({ rejectAddWith: 'Not enough funds on balance' });
    const o2 = await order('euro', 2000);
    await panels.eur.sim.control.setFaults({});
    const o3 = await order('dollar', 1000);
    const o4 = await order('euro', 500);
    await panels.eur.sim.control.setOrderStatus(await upstreamId(o1), { status: 'Completed' });
    await panels.usd.sim.control.setOrderStatus(await upstreamId(o2), { status: 'Completed' });
    await panels.eur.sim.control.setOrderStatus(await upstreamId(o3), {
      status: 'Partial',
      remains: '250',
    });
    await panels.eur.sim.control.setOrderStatus(await upstreamId(o4), { status: 'Canceled' });
    await sweep();
    await order('dollar', 1000);
    await panels.eur.sim.control.setFaults({ overReportChargePercent: 20 });
    await sweep();
    await panels.eur.sim.control.setFaults({});
    // (6) euro 1000 that every panel refuses: failed, refunded, never upstream.
    const refuse = { rejectAddWith: 'Not enough funds on balance' };
    for (const p of Object.values(panels)) await p.sim.control.setFaults(refuse);
    const refused = await gw
      .http()
      .post('/v1/orders')
      .set(partners.euro.auth)
      .send({ serviceId, link: 'https://instagram.com/p/refused', quantity: 1000 });
    expect(refused.status, refused.text).toBe(422);
    failedId = refused.body.orderId as number;
    for (const p of Object.values(panels)) await p.sim.control.setFaults({});
    await refreshBalance(panels.eur);
    await refreshBalance(panels.usd);
  });

  afterAll(async () => {
    for (const p of Object.values(panels)) await p?.sim.close();
    await gw?.close();
  });

  it('charged what the price lists say (the inputs the figures below rest on)', async () => {
    for (const [i, id] of ids.entries()) {
      const view = await adminOrder(gw, id);
      expect([view.charge, view.refunded]).toEqual([s(ORDERS[i]!.charge), s(ORDERS[i]!.refunded)]);
    }
  });

  it('records with each attempt the offer rate, currency, FX rate, cost and the alternatives', async () => {
    const failedOver = await adminOrder(gw, ids[1]!);
    const attempts = failedOver.attempts as Record<string, unknown>[];
    expect(attempts.map((a) => a.outcome)).toEqual(['rejected', 'placed']);
    expect(attempts[0]).toMatchObject({
      providerId: panels.eur.providerId,
      upstreamRate: '0.9',
      upstreamCurrency: 'EUR',
      fxRate: '1.08',
      upstreamCost: '1.8',
      cost: s(perK(BASE_PER_1000.eur, 2000)),
      nextBestCost: s(perK(BASE_PER_1000.usd, 2000)),
      maxCost: s(perK(BASE_PER_1000.dear, 2000)),
    });
    expect(attempts[1]).toMatchObject({
      providerId: panels.usd.providerId,
      upstreamRate: '1',
      upstreamCurrency: 'USD',
      fxRate: '1',
      upstreamCost: '2',
      nextBestCost: s(perK(BASE_PER_1000.dear, 2000)),
      maxCost: s(perK(BASE_PER_1000.dear, 2000)),
    });
    const partial = await adminOrder(gw, ids[2]!);
    expect(partial.upstreamCost).toMatchObject({
      currency: 'EUR',
      expected: '0.9',
      expectedNet: '0.675',
      upstreamRefund: '0.225',
      reported: '0.9',
      expectedBase: '0.972',
    });
    expect(partial.chargeMismatch).toBe(false);
  });

  it('flags the order whose upstream reported a charge 20 % above its price list', async () => {
    const flagged = await adminOrder(gw, ids[4]!);
    expect(flagged.chargeMismatch).toBe(true);
    expect(flagged.upstreamCost).toMatchObject({ expected: '0.9', reported: '1.08' });
    const metrics = await gw.http().get('/metrics').set(gw.admin);
    expect(metrics.text).toContain(
      `smmgw_upstream_charge_mismatches_total{provider="${flagged.providerId}"} 1\n`,
    );
    const list = await gw
      .http()
      .get('/v1/admin/orders')
      .query({ chargeMismatch: 'true' })
      .set(gw.admin);
    expect(list.status, list.text).toBe(200);
    expect(list.body.items.map((o: { id: number }) => o.id)).toEqual([ids[4]]);
    const others = await gw
      .http()
      .get('/v1/admin/orders')
      .query({ chargeMismatch: 'false' })
      .set(gw.admin);
    expect(others.body.items.map((o: { id: number }) => o.id).sort()).toEqual(
      [...ids.slice(0, 4), failedId].sort(),
    );
  });

  it('reports exact revenue, cost and margin, in total and per partner', async () => {
    const res = await report('/v1/admin/reports/margin', { from, to, groupBy: 'partner' });
    expect(res.status, res.text).toBe(200);
    expect(res.body.totals).toEqual(marginFigures(ORDERS));
    expect(res.body.baseCurrency).toBe('USD');
    expect(res.body.groups).toEqual([
      {
        key: String(partners.dollar.id),
        label: 'dollar',
        ...marginFigures(ORDERS.filter((o) => o.partner === 'dollar')),
      },
      {
        key: String(partners.euro.id),
        label: 'euro',
        ...marginFigures(ORDERS.filter((o) => o.partner === 'euro')),
      },
    ]);
  });

  it('reports per provider and per day with the same totals', async () => {
    const byProvider = await report('/v1/admin/reports/margin', { from, to, groupBy: 'provider' });
    expect(byProvider.body.groups.map((g: { key: string; label: string }) => g.label)).toEqual([
      'eur',
      'usd',
    ]);
    expect(byProvider.body.groups[1]).toMatchObject(
      marginFigures(ORDERS.filter((o) => o.panel === 'usd')),
    );
    const byDay = await report('/v1/admin/reports/margin', { from, to, groupBy: 'day' });
    const day = new Date().toISOString().slice(0, 10);
    expect(byDay.body.groups).toEqual([{ key: day, label: null, ...marginFigures(ORDERS) }]);
  });

  it('reports what routing saved against the next-best and most expensive offers', async () => {
    const res = await report('/v1/admin/reports/savings', { from, to, groupBy: 'service' });
    expect(res.status, res.text).toBe(200);
    expect(res.body.totals).toEqual(savingsFigures(ORDERS));
    expect(res.body.groups).toEqual([
      { key: String(serviceId), label: 'Followers', ...savingsFigures(ORDERS) },
    ]);
  });

  it('reports upstream spend, mismatches and the observed balance drift per provider', async () => {
    const res = await report('/v1/admin/reports/upstream-spend', { from, to });
    expect(res.status, res.text).toBe(200);
    const eur = ORDERS.filter((o) => o.panel === 'eur');
    const usd = ORDERS.filter((o) => o.panel === 'usd');
    const eurSpend = sum(eur, (o) => o.net);
    expect(res.body.providers).toEqual([
      {
        providerId: panels.eur.providerId,
        providerName: 'eur',
        currency: 'EUR',
        orders: 4,
        expectedSpend: s(eurSpend),
        expectedSpendBase: s(eurSpend.times(EUR_USD)),
        reportedSpend: s(sum(eur, (o) => o.reported)),
        reportedSpendBase: s(sum(eur, (o) => o.reported.times(EUR_USD))),
        reportedOrders: 4,
        mismatchedOrders: 1,
        balance: expect.objectContaining({
          // The panel really took its price-list charges: nothing drifts.
          observedSpend: s(eurSpend),
          expectedSpend: s(eurSpend),
          drift: '0',
        }),
      },
      {
        providerId: panels.usd.providerId,
        providerName: 'usd',
        currency: 'USD',
        orders: 1,
        expectedSpend: s(sum(usd, (o) => o.net)),
        expectedSpendBase: s(sum(usd, (o) => o.net)),
        reportedSpend: s(sum(usd, (o) => o.reported)),
        reportedSpendBase: s(sum(usd, (o) => o.reported)),
        reportedOrders: 1,
        mismatchedOrders: 0,
        balance: expect.objectContaining({ observedSpend: '2', drift: '0' }),
      },
    ]);
  });

  it('answers the same figures as CSV', async () => {
    const margin = await report('/v1/admin/reports/margin', { from, to, groupBy: 'partner' });
    const marginCsv = await report(
      '/v1/admin/reports/margin',
      { from, to, groupBy: 'partner' },
      true,
    );
    expect(marginCsv.status).toBe(200);
    expect(marginCsv.headers['content-type']).toMatch(/^text\/csv/);
    const rows = parseCsv(marginCsv.text);
    expect(rows).toHaveLength(margin.body.groups.length);
    for (const [i, g] of (margin.body.groups as MarginGroupDto[]).entries()) {
      const revenue = Object.fromEntries(
        g.revenue.flatMap((r) => [
          [`charged_${r.currency}`, r.charged],
          [`refunded_${r.currency}`, r.refunded],
          [`net_${r.currency}`, r.net],
        ]),
      );
      expect(rows[i]).toMatchObject({
        key: g.key,
        label: g.label,
        orders: String(g.orders),
        revenueBase: g.revenueBase,
        expectedCost: g.upstreamCost.expected,
        reportedCost: g.upstreamCost.reported,
        margin: g.margin,
        marginPercent: g.marginPercent,
        marginOnReported: g.marginOnReported,
        ...revenue,
      });
    }
    const savings = await report('/v1/admin/reports/savings', { from, to, groupBy: 'provider' });
    const savingsCsv = parseCsv(
      (await report('/v1/admin/reports/savings', { from, to, groupBy: 'provider' }, true)).text,
    );
    expect(savingsCsv).toEqual(
      (savings.body.groups as Record<string, unknown>[]).map((g) =>
        Object.fromEntries(Object.entries(g).map(([k, v]) => [k, String(v)])),
      ),
    );
    const spend = await report('/v1/admin/reports/upstream-spend', { from, to });
    const spendCsv = parseCsv(
      (await report('/v1/admin/reports/upstream-spend', { from, to }, true)).text,
    );
    expect(spendCsv.map((r) => [r.providerId, r.expectedSpend, r.reportedSpend, r.drift])).toEqual(
      (spend.body.providers as ProviderSpendDto[]).map((p) => [
        String(p.providerId),
        p.expectedSpend,
        p.reportedSpend,
        p.balance?.drift,
      ]),
    );
  });

  it('shows partners only their own orders and spend, never a cost, margin or upstream', async () => {
    const res = await gw
      .http()
      .get('/v1/reports/spend')
      .query({ from, to, groupBy: 'service' })
      .set(partners.dollar.auth);
    expect(res.status, res.text).toBe(200);
    const mine = ORDERS.filter((o) => o.partner === 'dollar');
    const charged = sum(mine, (o) => o.charge);
    const refunded = sum(mine, (o) => o.refunded);
    expect(res.body.groups).toEqual([
      {
        key: String(serviceId),
        currency: 'USD',
        orders: 3,
        charged: s(charged),
        refunded: s(refunded),
        spent: s(charged.minus(refunded)),
      },
    ]);
    const csv = await gw
      .http()
      .get('/v1/reports/spend')
      .query({ from, to, groupBy: 'service' })
      .set(partners.dollar.auth)
      .set('Accept', 'text/csv');
    expect(parseCsv(csv.text)).toEqual([
      {
        key: String(serviceId),
        currency: 'USD',
        orders: '3',
        charged: s(charged),
        refunded: s(refunded),
        spent: s(charged.minus(refunded)),
      },
    ]);
    for (const body of [res.text, csv.text]) {
      expect(body).not.toMatch(/cost|margin|upstream|provider|reported|saving/i);
    }
    const euro = await gw
      .http()
      .get('/v1/reports/spend')
      .query({ from, to })
      .set(partners.euro.auth);
    // The euro partner's refused order is in its spend (charged, all refunded), not in the
    // admin reports above (it never went upstream).
    const euros = ORDERS.filter((o) => o.partner === 'euro');
    const refusedCharge = perK(euroRate, 1000);
    expect(euro.body.groups).toEqual([
      {
        key: new Date().toISOString().slice(0, 10),
        currency: 'EUR',
        orders: 3,
        charged: s(sum(euros, (o) => o.charge).plus(refusedCharge)),
        refunded: s(sum(euros, (o) => o.refunded).plus(refusedCharge)),
        spent: s(sum(euros, (o) => o.charge.minus(o.refunded))),
      },
    ]);
    const admin = await gw
      .http()
      .get('/v1/admin/reports/margin')
      .query({ from, to })
      .set(partners.dollar.auth);
    expect(admin.status).toBe(403);
  });

  it('requires a time range above the size limit and refuses bad input', async () => {
    const open = await report('/v1/admin/reports/margin', {});
    expect(open.status).toBe(400);
    expect(open.body.code).toBe('report_range_required');
    const backwards = await report('/v1/admin/reports/savings', { from: to, to: from });
    expect(backwards.status).toBe(400);
    expect(backwards.body.code).toBe('validation_failed');
    const badGroup = await report('/v1/admin/reports/margin', { from, to, groupBy: 'week' });
    expect(badGroup.status).toBe(400);
    expect(badGroup.body.errors[0].field).toBe('groupBy');
    const badDate = await report('/v1/admin/reports/upstream-spend', { from: 'yesterday', to });
    expect(badDate.status).toBe(400);
    const partnerOpen = await gw.http().get('/v1/reports/spend').set(partners.euro.auth);
    expect(partnerOpen.body.code).toBe('report_range_required');
  });
});
