import { getRepositoryToken } from '@nestjs/typeorm';
import { Decimal } from 'decimal.js';
import type { Repository } from 'typeorm';
import type { Env } from '../../apps/gateway/src/config/env-schema.js';
import { OrderEntity } from '../../apps/gateway/src/orders/entities/order.entity.js';
import { OrderSyncService } from '../../apps/gateway/src/orders/sync/order-sync.service.js';
import type { OrderStatusChange } from '../../apps/provider-sim/src/index.js';
import { startGateway, type TestGateway } from '../support/gateway.js';
import {
  addPanel,
  adminOrder,
  balanceOf,
  createPartner,
  createService,
  followers,
  type Panel,
  type TestPartner,
} from '../support/market.js';

/**
 * The follow-up half of an order's life: the status sync polls upstreams, maps their statuses,
 * settles partial and canceled orders exactly once, backs off, batches, refreshes stale reads,
 * and flags orders stuck for too long. Jobs are off in tests: each test drives the sweep itself
 * with an explicit `now` (in the future makes every open order due).
 *
 * Prices: the panel sells at 1.23456 USD per 1000 and the partner pays 10 % on top, so 1000
 * units cost ceil₅(1.358016) = 1.35802 USD. A Partial with 157 remains refunds
 * 1.35802 × 157 / 1000 = 0.21320914, rounded DOWN at 5 decimals: 0.2132.
 */

const RATE = '1.23456';
const CHARGE = '1.35802';
const PARTIAL_REMAINS = 157;
const PARTIAL_REFUND = '0.2132';

interface OrderView {
  id: number;
  status: string;
  serviceId: number;
  quantity: number;
  charge: string;
  refunded: string;
  startCount: number | null;
  remains: number | null;
  createdAt: string;
}

interface LedgerEntry {
  kind: string;
  amount: string;
  referenceType: string;
  referenceId: string;
}

/** One gateway, one simulated panel with one service on it, one funded partner. */
interface Market {
  gw: TestGateway;
  panel: Panel;
  serviceId: number;
  partner: TestPartner;
}

/** Starts a market for the enclosing describe block (its own database, panel and partner). */
function useMarket(env: Env = {}): Market {
  const m = {} as Market;
  beforeAll(async () => {
    m.gw = await startGateway({ env: { RATE_LIMIT_PER_MINUTE: '100000', ...env } });
    m.panel = await addPanel(m.gw, { name: 'panel', catalog: [followers(11, RATE)] });
    m.serviceId = await createService(m.gw, { name: 'Followers', refill: true, cancel: true }, [
      { providerId: m.panel.providerId, upstreamServiceId: 11 },
    ]);
    m.partner = await createPartner(m.gw, {
      name: 'reseller',
      markupPercent: '10',
      credit: '1000',
    });
  });
  afterAll(async () => {
    await m.panel?.sim.close();
    await m.gw?.close();
  });
  return m;
}

const inAnHour = () => new Date(Date.now() + 3_600_000);
const later = (date: Date, ms: number) => new Date(date.getTime() + ms);

async function place(m: Market, extra: Record<string, unknown> = {}): Promise<OrderView> {
  const res = await m.gw
    .http()
    .post('/v1/orders')
    .set(m.partner.auth)
    .send({
      serviceId: m.serviceId,
      link: 'https://instagram.com/p/abc',
      quantity: 1000,
      ...extra,
    });
  expect(res.status, res.text).toBe(201);
  return res.body as OrderView;
}

async function readOrder(m: Market, id: number): Promise<OrderView> {
  const res = await m.gw.http().get(`/v1/orders/${id}`).set(m.partner.auth);
  expect(res.status, res.text).toBe(200);
  return res.body as OrderView;
}

/** The simulator's id for our order (admins see it; partners never do). */
async function upstreamIdOf(m: Market, orderId: number): Promise<number> {
  return Number((await adminOrder(m.gw, orderId)).upstreamOrderId);
}

async function setUpstream(m: Market, orderId: number, change: OrderStatusChange): Promise<void> {
  await m.panel.sim.control.setOrderStatus(await upstreamIdOf(m, orderId), change);
}

/** How many times the upstream was asked for this order's status. */
async function statusQueries(m: Market, orderId: number): Promise<number> {
  return (await m.panel.sim.control.order(await upstreamIdOf(m, orderId))).statusQueries;
}

const sweep = (m: Market, now: Date = inAnHour()) => m.gw.app.get(OrderSyncService).sweep(now);

function orderRow(m: Market, id: number): Promise<OrderEntity> {
  return m.gw.app
    .get<Repository<OrderEntity>>(getRepositoryToken(OrderEntity))
    .findOneByOrFail({ id });
}

/** Every ledger entry of the partner, through the admin API (all pages). */
async function ledgerOf(m: Market): Promise<LedgerEntry[]> {
  const entries: LedgerEntry[] = [];
  let cursor: string | null = null;
  do {
    const res = await m.gw
      .http()
      .get(`/v1/admin/partners/${m.partner.id}/ledger`)
      .query({ limit: 200, ...(cursor ? { cursor } : {}) })
      .set(m.gw.admin);
    expect(res.status, res.text).toBe(200);
    entries.push(...(res.body.items as LedgerEntry[]));
    cursor = res.body.nextCursor as string | null;
  } while (cursor);
  return entries;
}

/** The refund amounts the ledger holds for one order. */
async function refundsOf(m: Market, orderId: number): Promise<string[]> {
  return (await ledgerOf(m))
    .filter(
      (e) => e.kind === 'refund' && e.referenceType === 'order' && e.referenceId === `${orderId}`,
    )
    .map((e) => new Decimal(e.amount).toFixed());
}

/** Log lines (parsed) with this message about this order. */
function logLines(m: Market, msg: string, orderId: number): Record<string, unknown>[] {
  return m.gw.logs
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((l) => l.msg === msg && l.orderId === orderId);
}

describe('status mapping: upstream statuses become ours', () => {
  const m = useMarket();

  it.each([
    { upstream: 'Pending', ours: 'pending', remains: 1000, refunded: '0' },
    { upstream: 'In progress', ours: 'in_progress', remains: 400, refunded: '0' },
    { upstream: 'Processing', ours: 'in_progress', remains: 400, refunded: '0' },
    { upstream: 'Completed', ours: 'completed', remains: 0, refunded: '0' },
    {
      upstream: 'Partial',
      ours: 'partial',
      remains: PARTIAL_REMAINS,
      refunded: PARTIAL_REFUND,
    },
    { upstream: 'Canceled', ours: 'canceled', remains: 1000, refunded: CHARGE },
    { upstream: 'Refunded', ours: 'canceled', remains: 1000, refunded: CHARGE },
    { upstream: 'Fail', ours: 'canceled', remains: 1000, refunded: CHARGE },
  ])(
    'upstream "$upstream" → $ours, start count and remains kept',
    async ({ upstream, ours, remains, refunded }) => {
      const order = await place(m);
      expect(order.charge).toBe(CHARGE);
      await setUpstream(m, order.id, { status: upstream, remains, startCount: 3572 });

      await sweep(m);

      expect(await readOrder(m, order.id)).toMatchObject({
        status: ours,
        startCount: 3572,
        remains,
        refunded,
      });
      expect(await statusQueries(m, order.id)).toBe(1);
    },
  );

  it('an unknown upstream status ("Queued") keeps ours, keeps polling, and is logged once', async () => {
    const order = await place(m);
    const hour = (n: number) => later(new Date(order.createdAt), n * 3_600_000);
    await setUpstream(m, order.id, { status: 'In progress', remains: 900, startCount: 10 });
    await sweep(m, hour(1));
    expect((await readOrder(m, order.id)).status).toBe('in_progress');

    await setUpstream(m, order.id, { status: 'Queued', remains: 800 });
    await sweep(m, hour(2));
    await sweep(m, hour(3));
    await sweep(m, hour(4));

    expect(await statusQueries(m, order.id)).toBe(4);
    expect(await readOrder(m, order.id)).toMatchObject({
      status: 'in_progress',
      startCount: 10,
      remains: 800,
    });
    const row = await orderRow(m, order.id);
    expect(row.upstreamStatus).toBe('Queued');
    expect(row.nextPollAt).not.toBeNull();
    const warnings = logLines(m, 'Unknown upstream status; still polling', order.id);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ upstreamStatus: 'Queued' });

    // Polling went on, so the order still reaches its end.
    await setUpstream(m, order.id, { status: 'Completed' });
    await sweep(m, hour(5));
    expect(await readOrder(m, order.id)).toMatchObject({ status: 'completed', remains: 0 });
  });
});

describe('settlement: Partial and Canceled refund the partner exactly once', () => {
  // Reads refresh stale orders too (freshness 0): they race the sweeps to settle.
  const m = useMarket({ ORDER_STATUS_FRESHNESS_SECONDS: '0' });

  it('Partial refunds remains/quantity of the charge, rounded down, however often the sweep runs', async () => {
    const before = await balanceOf(m.gw, m.partner);
    const order = await place(m);
    await setUpstream(m, order.id, { status: 'Partial', remains: PARTIAL_REMAINS });

    for (let run = 0; run < 3; run += 1) await sweep(m, later(inAnHour(), run * 3_600_000));

    expect(await refundsOf(m, order.id)).toEqual([PARTIAL_REFUND]);
    expect(await readOrder(m, order.id)).toMatchObject({
      status: 'partial',
      remains: PARTIAL_REMAINS,
      refunded: PARTIAL_REFUND,
    });
    expect(await balanceOf(m.gw, m.partner)).toBe(
      new Decimal(before).minus(CHARGE).plus(PARTIAL_REFUND).toFixed(),
    );
  });

  it('Canceled refunds the whole charge, however often the sweep runs', async () => {
    const before = await balanceOf(m.gw, m.partner);
    const order = await place(m);
    await setUpstream(m, order.id, { status: 'Canceled' });

    for (let run = 0; run < 3; run += 1) await sweep(m, later(inAnHour(), run * 3_600_000));

    expect(await refundsOf(m, order.id)).toEqual([CHARGE]);
    expect(await readOrder(m, order.id)).toMatchObject({ status: 'canceled', refunded: CHARGE });
    expect(await balanceOf(m.gw, m.partner)).toBe(before);
  });

  it('two concurrent sweeps and concurrent reads settle each order once', async () => {
    const before = await balanceOf(m.gw, m.partner);
    const partial = await place(m);
    const canceled = await place(m);
    await setUpstream(m, partial.id, { status: 'Partial', remains: PARTIAL_REMAINS });
    await setUpstream(m, canceled.id, { status: 'Canceled' });

    const reads = [partial, canceled].flatMap((o) =>
      Array.from({ length: 5 }, () => m.gw.http().get(`/v1/orders/${o.id}`).set(m.partner.auth)),
    );
    const [, , ...answers] = await Promise.all([sweep(m), sweep(m), ...reads]);
    for (const res of answers) expect(res.status, res.text).toBe(200);
    await Promise.all([sweep(m, later(inAnHour(), 60_000)), sweep(m, later(inAnHour(), 60_000))]);

    expect(await refundsOf(m, partial.id)).toEqual([PARTIAL_REFUND]);
    expect(await refundsOf(m, canceled.id)).toEqual([CHARGE]);
    expect(await readOrder(m, partial.id)).toMatchObject({
      status: 'partial',
      refunded: PARTIAL_REFUND,
    });
    expect(await readOrder(m, canceled.id)).toMatchObject({ status: 'canceled', refunded: CHARGE });
    expect(await balanceOf(m.gw, m.partner)).toBe(
      new Decimal(before).minus(CHARGE).plus(PARTIAL_REFUND).toFixed(),
    );
  });
});

describe('poll schedule: soon after placement, then backing off, capped', () => {
  const m = useMarket();

  it('is not polled before it is due; each poll pushes the next one further out', async () => {
    const order = await place(m);
    const placed = await orderRow(m, order.id);
    expect(placed.nextPollAt!.getTime() - placed.createdAt.getTime()).toBeGreaterThanOrEqual(9_000);
    expect(placed.nextPollAt!.getTime() - placed.createdAt.getTime()).toBeLessThanOrEqual(11_000);

    // Just after placement nothing is due: the upstream is not asked.
    await sweep(m, later(placed.createdAt, 1_000));
    expect(await statusQueries(m, order.id)).toBe(0);

    let due = placed.nextPollAt!;
    const delays: number[] = [];
    for (let poll = 1; poll <= 7; poll += 1) {
      await sweep(m, later(due, -1));
      expect(await statusQueries(m, order.id), 'polled before it was due').toBe(poll - 1);
      await sweep(m, due);
      expect(await statusQueries(m, order.id)).toBe(poll);
      const row = await orderRow(m, order.id);
      expect(row.pollCount).toBe(poll);
      delays.push((row.nextPollAt!.getTime() - due.getTime()) / 1000);
      due = row.nextPollAt!;
    }
    expect(delays).toEqual([20, 40, 80, 160, 320, 600, 600]);
  });
});

describe('batching: at most 100 ids per upstream status call', () => {
  const m = useMarket();

  it('150 open orders on one panel take exactly 2 status calls, each order asked once', async () => {
    for (let i = 0; i < 150; i += 10) {
      await Promise.all(Array.from({ length: 10 }, () => place(m)));
    }
    const before = (await m.panel.sim.control.state()).requestCounts.status ?? 0;

    const result = await sweep(m);

    const state = await m.panel.sim.control.state();
    expect(result.polled).toBe(150);
    expect((state.requestCounts.status ?? 0) - before).toBe(2);
    expect(state.orders).toHaveLength(150);
    expect(state.orders.map((o) => o.statusQueries)).toEqual(Array(150).fill(1));
  });
});

describe('freshness: reading a stale order refreshes it from the upstream', () => {
  const m = useMarket({ ORDER_STATUS_FRESHNESS_SECONDS: '0' });

  it('GET /v1/orders/{id} shows the upstream status without a sweep', async () => {
    const order = await place(m);
    await setUpstream(m, order.id, { status: 'In progress', remains: 600, startCount: 42 });

    expect(await readOrder(m, order.id)).toMatchObject({
      status: 'in_progress',
      startCount: 42,
      remains: 600,
    });
    expect(await statusQueries(m, order.id)).toBe(1);
  });

  it('a read of an order that has ended asks nothing upstream', async () => {
    const order = await place(m);
    await setUpstream(m, order.id, { status: 'Completed' });
    expect((await readOrder(m, order.id)).status).toBe('completed');
    const asked = await statusQueries(m, order.id);

    await readOrder(m, order.id);

    expect(await statusQueries(m, order.id)).toBe(asked);
  });

  it('5 concurrent reads of one order share one upstream status query', async () => {
    const order = await place(m);
    await setUpstream(m, order.id, { status: 'Processing', remains: 700 });
    expect(await statusQueries(m, order.id)).toBe(0);

    // A panel answering in 300 ms (a realistic one) keeps the first read's call in flight
    // while the others arrive.
    await m.panel.sim.control.setFaults({ latencyMs: 300 });
    const reads = await Promise.all(
      Array.from({ length: 5 }, () =>
        m.gw.http().get(`/v1/orders/${order.id}`).set(m.partner.auth),
      ),
    ).finally(() => m.panel.sim.control.clearFaults());

    for (const res of reads) {
      expect(res.status, res.text).toBe(200);
      expect(res.body).toMatchObject({ status: 'in_progress', remains: 700 });
    }
    expect(await statusQueries(m, order.id)).toBe(1);
  });

  it('GET /v1/orders?ids= refreshes every stale order in one batched upstream call', async () => {
    const orders = [await place(m), await place(m), await place(m)];
    for (const o of orders) await setUpstream(m, o.id, { status: 'Completed' });
    const before = (await m.panel.sim.control.state()).requestCounts.status ?? 0;

    const res = await m.gw
      .http()
      .get(`/v1/orders?ids=${orders.map((o) => o.id).join(',')}`)
      .set(m.partner.auth);

    expect(res.status, res.text).toBe(200);
    expect(res.body.results.map((r: { order: OrderView }) => r.order.status)).toEqual([
      'completed',
      'completed',
      'completed',
    ]);
    expect((await m.panel.sim.control.state()).requestCounts.status).toBe(before + 1);
  });
});

describe('reading orders: by ids, and filtered lists with cursor pagination', () => {
  const m = useMarket();
  let other: number;
  let orders: OrderView[];

  beforeAll(async () => {
    other = await createService(m.gw, { name: 'Followers (other)' }, [
      { providerId: m.panel.providerId, upstreamServiceId: 11 },
    ]);
    // Five orders, a few milliseconds apart so that created-at ranges can fall between them:
    // #0 #1 #2 on the first service, #3 #4 on the other; #1 completes.
    orders = [];
    for (const serviceId of [m.serviceId, m.serviceId, m.serviceId, other, other]) {
      orders.push(await place(m, { serviceId }));
      await new Promise((resolve) => setTimeout(resolve, 15));
    }
    await setUpstream(m, orders[1]!.id, { status: 'Completed' });
    await sweep(m);
  });

  const list = async (query: Record<string, string | number>) => {
    const res = await m.gw.http().get('/v1/orders').query(query).set(m.partner.auth);
    expect(res.status, res.text).toBe(200);
    return res.body as { items: OrderView[]; nextCursor: string | null };
  };
  const idsOf = (items: { id: number }[]) => items.map((o) => o.id);
  const newestFirst = (picked: number[]) => picked.map((i) => orders[i]!.id).reverse();

  it('a read of a fresh order asks nothing upstream', async () => {
    const order = await place(m);
    await readOrder(m, order.id);
    expect(await statusQueries(m, order.id)).toBe(0);
  });

  it('GET /v1/orders?ids= answers per id, an error for an id that is not an order', async () => {
    const [a, b] = [orders[0]!.id, orders[1]!.id];
    const res = await m.gw
      .http()
      .get('/v1/orders')
      .query({ ids: `${a},${b},999999,${a}` })
      .set(m.partner.auth);

    expect(res.status, res.text).toBe(200);
    expect(res.body).toEqual({
      results: [
        { id: a, order: expect.objectContaining({ id: a, status: 'pending' }) },
        { id: b, order: expect.objectContaining({ id: b, status: 'completed' }) },
        { id: 999999, error: 'Incorrect order ID' },
      ],
    });
  });

  it('filters by status', async () => {
    expect(idsOf((await list({ status: 'completed' })).items)).toEqual([orders[1]!.id]);
    const pending = idsOf((await list({ status: 'pending' })).items);
    expect(pending).toEqual(expect.arrayContaining(newestFirst([0, 2, 3, 4])));
    expect(pending).not.toContain(orders[1]!.id);
  });

  it('filters by service', async () => {
    expect(idsOf((await list({ serviceId: other })).items)).toEqual(newestFirst([3, 4]));
  });

  it('filters by a created-at range: from inclusive, to exclusive', async () => {
    const from = orders[1]!.createdAt;
    const to = orders[3]!.createdAt;
    expect(idsOf((await list({ createdFrom: from, createdTo: to })).items)).toEqual(
      newestFirst([1, 2]),
    );
    expect(idsOf((await list({ createdTo: to })).items)).toEqual(newestFirst([0, 1, 2]));
    expect(idsOf((await list({ createdFrom: from })).items)).toEqual(
      expect.arrayContaining(newestFirst([1, 2, 3, 4])),
    );
    expect(idsOf((await list({ createdFrom: from })).items)).not.toContain(orders[0]!.id);
  });

  it('pages with a cursor: limit=2 over 5 orders is 3 pages, newest first, no duplicates', async () => {
    const filter = { createdTo: later(new Date(orders[4]!.createdAt), 1).toISOString() };
    const pages: number[][] = [];
    let cursor: string | null = null;
    do {
      const page = await list({ ...filter, limit: 2, ...(cursor ? { cursor } : {}) });
      pages.push(idsOf(page.items));
      cursor = page.nextCursor;
    } while (cursor && pages.length < 10);

    expect(pages).toEqual([newestFirst([3, 4]), newestFirst([1, 2]), newestFirst([0])]);
  });
});

describe('stuck orders: open past a configurable age, flagged for admins', () => {
  const m = useMarket({ ORDER_STUCK_AFTER_HOURS: '1' });

  const stuckIds = async () => {
    const res = await m.gw.http().get('/v1/admin/orders').query({ stuck: 'true' }).set(m.gw.admin);
    expect(res.status, res.text).toBe(200);
    const items = res.body.items as { id: number; stuckAt: string | null }[];
    for (const o of items) expect(o.stuckAt).not.toBeNull();
    return items.map((o) => o.id).sort((a, b) => a - b);
  };

  it('a sweep 2 h after placement flags the open orders; GET /v1/admin/orders?stuck=true lists them', async () => {
    const open = [await place(m), await place(m)];
    const done = await place(m);
    await setUpstream(m, done.id, { status: 'Completed' });
    const placedAt = new Date(done.createdAt);

    await sweep(m, later(placedAt, 30 * 60_000));
    expect(await stuckIds()).toEqual([]);
    expect((await readOrder(m, done.id)).status).toBe('completed');

    await sweep(m, later(placedAt, 2 * 3_600_000));

    expect(await stuckIds()).toEqual(open.map((o) => o.id));
    const all = await m.gw.http().get('/v1/admin/orders').set(m.gw.admin);
    expect(all.body.items.find((o: { id: number }) => o.id === done.id).stuckAt).toBeNull();
    // Partners are not shown the flag.
    expect(await readOrder(m, open[0]!.id)).not.toHaveProperty('stuckAt');
  });
});
