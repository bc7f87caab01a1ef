import { getRepositoryToken } from '@nestjs/typeorm';
import { Decimal } from 'decimal.js';
import type { Repository } from 'typeorm';
import { RefillEntity } from '../../apps/gateway/src/orders/entities/refill.entity.js';
import { RefillsService } from '../../apps/gateway/src/orders/follow-ups/refills.service.js';
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
import { expectProblem } from '../support/problem.js';

/**
 * Refills and cancels are forwarded to the upstream that holds the order, only where the offer
 * that took it supports them (422 otherwise). One panel sells two offers: #11 with refill and
 * cancel, #12 with neither; one of our services maps onto each. At 1.00 USD per 1000 with a 10 %
 * markup, an order of 1000 costs the partner 1.1 USD.
 */

const CHARGE = '1.1';

let gw: TestGateway;
let panel: Panel;
let capable: number;
let plain: number;
let partner: TestPartner;

beforeAll(async () => {
  gw = await startGateway({ env: { RATE_LIMIT_PER_MINUTE: '100000' } });
  panel = await addPanel(gw, {
    name: 'panel',
    catalog: [followers(11, '1.00'), followers(12, '1.00', { refill: false, cancel: false })],
  });
  capable = await createService(gw, { name: 'Followers', refill: true, cancel: true }, [
    { providerId: panel.providerId, upstreamServiceId: 11 },
  ]);
  plain = await createService(
    gw,
    { name: 'Followers (no refill, no cancel)', refill: false, cancel: false },
    [{ providerId: panel.providerId, upstreamServiceId: 12 }],
  );
  partner = await createPartner(gw, { name: 'reseller', markupPercent: '10', credit: '1000' });
});

afterAll(async () => {
  await panel?.sim.close();
  await gw?.close();
});

const inAnHour = () => new Date(Date.now() + 3_600_000);

async function place(serviceId: number): Promise<{ id: number; charge: string }> {
  const res = await gw
    .http()
    .post('/v1/orders')
    .set(partner.auth)
    .send({ serviceId, link: 'https://instagram.com/p/abc', quantity: 1000 });
  expect(res.status, res.text).toBe(201);
  expect(res.body.charge).toBe(CHARGE);
  return res.body as { id: number; charge: string };
}

async function upstreamIdOf(orderId: number): Promise<number> {
  return Number((await adminOrder(gw, orderId)).upstreamOrderId);
}

/** Moves the order upstream and lets the status sweep see it. */
async function settleUpstream(orderId: number, change: OrderStatusChange): Promise<void> {
  await panel.sim.control.setOrderStatus(await upstreamIdOf(orderId), change);
  await gw.app.get(OrderSyncService).sweep(inAnHour());
}

async function placeCompleted(serviceId: number): Promise<number> {
  const { id } = await place(serviceId);
  await settleUpstream(id, { status: 'Completed' });
  return id;
}

const refillRows = () => gw.app.get<Repository<RefillEntity>>(getRepositoryToken(RefillEntity));

async function readOrder(id: number): Promise<Record<string, unknown>> {
  const res = await gw.http().get(`/v1/orders/${id}`).set(partner.auth);
  expect(res.status, res.text).toBe(200);
  return res.body as Record<string, unknown>;
}

/** API requests the panel received for one action so far. */
async function upstreamCalls(action: string): Promise<number> {
  return (await panel.sim.control.state()).requestCounts[action] ?? 0;
}

/** The refund amounts the partner's ledger holds for one order (admin API, all pages). */
async function refundsOf(orderId: number): Promise<string[]> {
  const refunds: string[] = [];
  let cursor: string | null = null;
  do {
    const res = await gw
      .http()
      .get(`/v1/admin/partners/${partner.id}/ledger`)
      .query({ limit: 200, ...(cursor ? { cursor } : {}) })
      .set(gw.admin);
    expect(res.status, res.text).toBe(200);
    for (const e of res.body.items as Record<string, string>[]) {
      if (e.kind === 'refund' && e.referenceType === 'order' && e.referenceId === `${orderId}`) {
        refunds.push(new Decimal(e.amount).toFixed());
      }
    }
    cursor = res.body.nextCursor as string | null;
  } while (cursor);
  return refunds;
}

const refill = (orderId: number) =>
  gw.http().post(`/v1/orders/${orderId}/refill`).set(partner.auth);
const cancel = (orderId: number) =>
  gw.http().post(`/v1/orders/${orderId}/cancel`).set(partner.auth);

describe('refills: forwarded where the offer supports them', () => {
  it('a completed order on a refill offer: 201 {id, orderId, status}; GET /v1/refills/{id}', async () => {
    const orderId = await placeCompleted(capable);

    const res = await refill(orderId);

    expect(res.status, res.text).toBe(201);
    expect(Object.keys(res.body).sort()).toEqual([
      'createdAt',
      'id',
      'orderId',
      'status',
      'updatedAt',
    ]);
    expect(res.body).toMatchObject({ orderId, status: 'pending' });
    const upstreamOrderId = await upstreamIdOf(orderId);
    const upstream = (await panel.sim.control.state()).refills;
    expect(upstream.filter((r) => r.orderId === upstreamOrderId)).toHaveLength(1);

    const read = await gw.http().get(`/v1/refills/${res.body.id}`).set(partner.auth);
    expect(read.status, read.text).toBe(200);
    expect(read.body).toEqual(res.body);
  });

  it('a partial order can be refilled too', async () => {
    const { id } = await place(capable);
    await settleUpstream(id, { status: 'Partial', remains: 100 });

    const res = await refill(id);

    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ orderId: id, status: 'pending' });
  });

  it('the refill status follows the upstream through the refill sweep', async () => {
    const orderId = await placeCompleted(capable);
    const created = await refill(orderId);
    expect(created.status, created.text).toBe(201);
    const upstreamOrderId = await upstreamIdOf(orderId);
    const upstreamRefill = (await panel.sim.control.state()).refills.find(
      (r) => r.orderId === upstreamOrderId,
    )!;
    const refills = gw.app.get(RefillsService);
    const status = async () =>
      (await gw.http().get(`/v1/refills/${created.body.id}`).set(partner.auth)).body.status;

    await panel.sim.control.setRefillStatus(upstreamRefill.id, 'In progress');
    await refills.sweep(inAnHour());
    expect(await status()).toBe('in_progress');

    await panel.sim.control.setRefillStatus(upstreamRefill.id, 'Completed');
    await refills.sweep(new Date(Date.now() + 2 * 3_600_000));
    expect(await status()).toBe('completed');

    // Ended: no more polling.
    const row = () => refillRows().findOneByOrFail({ id: created.body.id as number });
    const ended = await row();
    expect(ended.nextPollAt).toBeNull();
    await refills.sweep(new Date(Date.now() + 30 * 24 * 3_600_000));
    expect((await row()).pollCount).toBe(ended.pollCount);
  });

  it('an offer without refill: 422 refill_not_supported, nothing sent upstream', async () => {
    const orderId = await placeCompleted(plain);
    const sent = await upstreamCalls('refill');

    expectProblem(await refill(orderId), 422, 'refill_not_supported');

    expect(await upstreamCalls('refill')).toBe(sent);
  });

  it('a pending order: 422 order_not_eligible, nothing sent upstream', async () => {
    const { id } = await place(capable);
    const sent = await upstreamCalls('refill');

    expectProblem(await refill(id), 422, 'order_not_eligible');

    expect(await upstreamCalls('refill')).toBe(sent);
  });

  it('an order completed upstream since the last poll is refreshed first, then refilled', async () => {
    const { id } = await place(capable);
    // Completed upstream; no sweep ran: the gateway still stores it pending.
    await panel.sim.control.setOrderStatus(await upstreamIdOf(id), { status: 'Completed' });
    expect((await adminOrder(gw, id)).internalStatus).toBe('pending');
    const res = await gw.http().post(`/v1/orders/${id}/refill`).set(partner.auth);
    expect(res.status, res.text).toBe(201);
    expect((await adminOrder(gw, id)).internalStatus).toBe('completed');
  });

  it('the same in a batch: stale orders refreshed in one status call, then refilled', async () => {
    const one = await place(capable);
    const two = await place(capable);
    for (const { id } of [one, two]) {
      await panel.sim.control.setOrderStatus(await upstreamIdOf(id), { status: 'Completed' });
    }
    const statusCalls = await upstreamCalls('status');
    const res = await gw
      .http()
      .post('/v1/orders/refill')
      .set(partner.auth)
      .send({ ids: [one.id, two.id] });
    expect(res.status, res.text).toBe(200);
    expect(res.body.results.map((r: { ok: boolean }) => r.ok)).toEqual([true, true]);
    expect((await upstreamCalls('status')) - statusCalls).toBe(1);
  });

  it('batch POST /v1/orders/refill answers per id', async () => {
    const completed = await placeCompleted(capable);
    const pending = (await place(capable)).id;
    const noRefill = await placeCompleted(plain);

    const res = await gw
      .http()
      .post('/v1/orders/refill')
      .set(partner.auth)
      .send({ ids: [completed, pending, noRefill, 999_999] });

    expect(res.status, res.text).toBe(200);
    expect(res.body.results).toEqual([
      {
        orderId: completed,
        ok: true,
        refill: expect.objectContaining({ orderId: completed, status: 'pending' }),
      },
      { orderId: pending, ok: false, code: 'order_not_eligible', error: expect.any(String) },
      { orderId: noRefill, ok: false, code: 'refill_not_supported', error: expect.any(String) },
      {
        orderId: 999_999,
        ok: false,
        code: 'not_found',
        error: 'Order 999999 does not exist.',
      },
    ]);
    const refillId = res.body.results[0].refill.id as number;
    const read = await gw.http().get(`/v1/refills/${refillId}`).set(partner.auth);
    expect(read.body).toMatchObject({ id: refillId, orderId: completed });
  });
});

describe('cancels: forwarded where the offer supports them, refunded once', () => {
  it('an open order on a cancel offer: canceled upstream, canceled here, the charge refunded once', async () => {
    const before = await balanceOf(gw, partner);
    const { id } = await place(capable);
    expect(await balanceOf(gw, partner)).toBe(new Decimal(before).minus(CHARGE).toFixed());

    const res = await cancel(id);

    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ id, status: 'canceled', refunded: CHARGE });
    expect((await panel.sim.control.order(await upstreamIdOf(id))).status).toBe('Canceled');
    expect(await balanceOf(gw, partner)).toBe(before);
    expect(await refundsOf(id)).toEqual([CHARGE]);

    // Sweeps, reads and a second cancel change nothing.
    await gw.app.get(OrderSyncService).sweep(inAnHour());
    await readOrder(id);
    expectProblem(await cancel(id), 422, 'order_not_eligible');
    expect(await refundsOf(id)).toEqual([CHARGE]);
    expect(await balanceOf(gw, partner)).toBe(before);
  });

  it('an offer without cancel: 422 cancel_not_supported, nothing sent upstream', async () => {
    const { id } = await place(plain);
    const sent = await upstreamCalls('cancel');

    expectProblem(await cancel(id), 422, 'cancel_not_supported');

    expect(await upstreamCalls('cancel')).toBe(sent);
    expect((await readOrder(id)).status).toBe('pending');
  });

  it('a completed order: 422 order_not_eligible, nothing sent upstream', async () => {
    const id = await placeCompleted(capable);
    const sent = await upstreamCalls('cancel');

    expectProblem(await cancel(id), 422, 'order_not_eligible');

    expect(await upstreamCalls('cancel')).toBe(sent);
    expect(await refundsOf(id)).toEqual([]);
  });

  it('batch POST /v1/orders/cancel answers per id, one upstream call for the accepted ones', async () => {
    const before = await balanceOf(gw, partner);
    const pending = (await place(capable)).id;
    const inProgress = (await place(capable)).id;
    await settleUpstream(inProgress, { status: 'In progress', remains: 500 });
    const completed = await placeCompleted(capable);
    const noCancel = (await place(plain)).id;
    const sent = await upstreamCalls('cancel');

    const res = await gw
      .http()
      .post('/v1/orders/cancel')
      .set(partner.auth)
      .send({ ids: [pending, inProgress, completed, noCancel, 999_999] });

    expect(res.status, res.text).toBe(200);
    expect(res.body.results).toEqual([
      { orderId: pending, ok: true },
      { orderId: inProgress, ok: true },
      { orderId: completed, ok: false, code: 'order_not_eligible', error: expect.any(String) },
      { orderId: noCancel, ok: false, code: 'cancel_not_supported', error: expect.any(String) },
      {
        orderId: 999_999,
        ok: false,
        code: 'not_found',
        error: 'Order 999999 does not exist.',
      },
    ]);
    expect(await upstreamCalls('cancel')).toBe(sent + 1);
    for (const id of [pending, inProgress]) {
      expect(await readOrder(id)).toMatchObject({ status: 'canceled', refunded: CHARGE });
      expect(await refundsOf(id)).toEqual([CHARGE]);
    }
    expect(await readOrder(completed)).toMatchObject({ status: 'completed', refunded: '0' });
    // Four orders charged, two refunded in full.
    expect(await balanceOf(gw, partner)).toBe(
      new Decimal(before).minus(new Decimal(CHARGE).times(2)).toFixed(),
    );
  });
});
