import { Decimal } from 'decimal.js';
import { DataSource } from 'typeorm';
import { DomainError } from '../../apps/gateway/src/common/errors/domain-error.js';
import { Transactions } from '../../apps/gateway/src/database/transactions.js';
import { WalletService } from '../../apps/gateway/src/partners/wallet/wallet.service.js';
import { engine } from '../support/database.js';
import { startGateway, type TestGateway } from '../support/gateway.js';
import { expectProblem } from '../support/problem.js';
import { bearer, createPartner, credit, issueToken } from './support.js';

describe(`wallet and ledger (${engine})`, () => {
  let gw: TestGateway;
  let wallet: WalletService;
  let transactions: Transactions;

  const ledgerPost = (partnerId: number, body: object, key?: string) => {
    const req = gw.http().post(`/v1/admin/partners/${partnerId}/ledger`).set(gw.admin);
    return (key ? req.set('Idempotency-Key', key) : req).send(body);
  };
  /** Balance and the ledger's sum, straight from the database, summed exactly. */
  const fromDatabase = async (partnerId: number) => {
    const ds = gw.app.get(DataSource);
    const [walletRow] = await ds.query(
      `SELECT balance FROM wallets WHERE partner_id = ${partnerId}`,
    );
    const rows: { amount: string }[] = await ds.query(
      `SELECT amount FROM ledger_entries WHERE partner_id = ${partnerId}`,
    );
    const sum = rows.reduce((acc, r) => acc.plus(String(r.amount)), new Decimal(0));
    return { balance: new Decimal(String(walletRow.balance)), sum, entries: rows.length };
  };

  beforeAll(async () => {
    gw = await startGateway();
    wallet = gw.app.get(WalletService);
    transactions = gw.app.get(Transactions);
  });
  afterAll(() => gw.close());

  it('credits and debits exactly, and GET /v1/balance shows it in the partner currency', async () => {
    const partner = await createPartner(gw, { currency: 'EUR' });
    const { token } = await issueToken(gw, partner.id, ['balance:read']);
    const first = await ledgerPost(partner.id, { amount: '0.1', reason: 'top-up' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      kind: 'credit',
      amount: '0.1',
      balanceAfter: '0.1',
      currency: 'EUR',
    });
    await ledgerPost(partner.id, { amount: '0.2', reason: 'top-up' }).expect(201);
    const debit = await ledgerPost(partner.id, { amount: '-0.05', reason: 'goodwill reversal' });
    expect(debit.body).toMatchObject({ kind: 'adjustment', amount: '-0.05', balanceAfter: '0.25' });
    const res = await gw.http().get('/v1/balance').set(bearer(token));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ balance: '0.25', currency: 'EUR', lowBalanceThreshold: null });
    const db = await fromDatabase(partner.id);
    expect(db.balance.toFixed()).toBe('0.25');
    expect(db.sum.toFixed()).toBe('0.25');
  });

  it('refuses a credit that would take the balance past 10^26 (422 naming the limit)', async () => {
    const partner = await createPartner(gw);
    await ledgerPost(partner.id, { amount: '60000000000000000000000000', reason: 'a' }).expect(201);
    const over = await ledgerPost(partner.id, {
      amount: '50000000000000000000000000',
      reason: 'b',
    });
    expectProblem(over, 422, 'balance_limit_exceeded');
    expect(over.body.limit).toBe('100000000000000000000000000');
    const db = await fromDatabase(partner.id);
    expect(db.balance.toFixed()).toBe('60000000000000000000000000');
    expect(db.sum.toFixed()).toBe('60000000000000000000000000');
  });

  it('refuses a debit below zero with 422 insufficient_funds and changes nothing', async () => {
    const partner = await createPartner(gw);
    await credit(gw, partner.id, '5');
    const res = await ledgerPost(partner.id, { amount: '-5.000000000001', reason: 'too much' });
    expectProblem(res, 422, 'insufficient_funds');
    const db = await fromDatabase(partner.id);
    expect(db.balance.toFixed()).toBe('5');
    expect(db.entries).toBe(1);
  });

  it('validates amounts: strings only, non-zero, at most 12 decimals; bad input changes nothing', async () => {
    const partner = await createPartner(gw);
    for (const amount of [10, '0', '0.000', '1e3', '1.0000000000001', 'abc', '', '--1']) {
      expectProblem(
        await ledgerPost(partner.id, { amount, reason: 'x' }),
        400,
        'validation_failed',
      );
    }
    expectProblem(await ledgerPost(partner.id, { amount: '1' }), 400, 'validation_failed');
    expectProblem(await ledgerPost(999_999, { amount: '1', reason: 'x' }), 404, 'not_found');
    expect((await fromDatabase(partner.id)).entries).toBe(0);
  });

  it('applies an admin movement once per Idempotency-Key', async () => {
    const partner = await createPartner(gw);
    const first = await ledgerPost(partner.id, { amount: '7', reason: 'wire' }, 'wire-0042');
    const replay = await ledgerPost(partner.id, { amount: '7', reason: 'wire' }, 'wire-0042');
    expect(replay.status).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body.id).toBe(first.body.id);
    const other = await ledgerPost(partner.id, { amount: '8', reason: 'wire' }, 'wire-0042');
    expectProblem(other, 409, 'ledger_key_conflict');
    expect((await fromDatabase(partner.id)).balance.toFixed()).toBe('7');
  });

  it('pages the ledger newest first with a cursor', async () => {
    const partner = await createPartner(gw);
    for (let i = 1; i <= 5; i++) await credit(gw, partner.id, String(i));
    const url = `/v1/admin/partners/${partner.id}/ledger`;
    const p1 = await gw.http().get(`${url}?limit=2`).set(gw.admin);
    expect(p1.body.items.map((e: { amount: string }) => e.amount)).toEqual(['5', '4']);
    const p2 = await gw.http().get(`${url}?limit=2&cursor=${p1.body.nextCursor}`).set(gw.admin);
    expect(p2.body.items.map((e: { amount: string }) => e.amount)).toEqual(['3', '2']);
    const p3 = await gw.http().get(`${url}?limit=2&cursor=${p2.body.nextCursor}`).set(gw.admin);
    expect(p3.body.items.map((e: { amount: string }) => e.amount)).toEqual(['1']);
    expect(p3.body.nextCursor).toBeNull();
    expectProblem(await gw.http().get(`${url}?cursor=bogus`).set(gw.admin), 400, 'invalid_cursor');
    expectProblem(await gw.http().get(`${url}?limit=0`).set(gw.admin), 400, 'validation_failed');
    expectProblem(
      await gw.http().get('/v1/admin/partners/999999/ledger').set(gw.admin),
      404,
      'not_found',
    );
  });

  it('charges and refunds inside the caller transaction; a refund key applies once', async () => {
    const partner = await createPartner(gw);
    await credit(gw, partner.id, '10');
    const reference = { type: 'order', id: 123 };
    const charge = await transactions.run((m) =>
      wallet.charge(m, {
        partnerId: partner.id,
        amount: '2.5',
        reference,
        key: 'order:123:charge',
      }),
    );
    expect(charge.applied).toBe(true);
    expect(charge.entry).toMatchObject({ kind: 'charge', amount: '-2.5', balanceAfter: '7.5' });

    const refund = (amount: string, key: string) =>
      transactions.run((m) => wallet.refund(m, { partnerId: partner.id, amount, reference, key }));
    expect((await refund('1', 'order:123:refund')).applied).toBe(true);
    const second = await refund('1', 'order:123:refund');
    expect(second.applied).toBe(false);
    expect(second.entry.kind).toBe('refund');
    expect((await fromDatabase(partner.id)).balance.toFixed()).toBe('8.5');

    // Refunds of one order never exceed its charge, whatever the keys.
    await expect(refund('1.500000000001', 'order:123:refund-2')).rejects.toMatchObject({
      code: 'refund_exceeds_charge',
    });
    expect((await refund('1.5', 'order:123:refund-2')).applied).toBe(true);
    const db = await fromDatabase(partner.id);
    expect(db.balance.toFixed()).toBe('10');
    expect(db.sum.toFixed()).toBe('10');
  });

  it('rolls a charge back with the caller transaction', async () => {
    const partner = await createPartner(gw);
    await credit(gw, partner.id, '3');
    await expect(
      transactions.run(async (m) => {
        await wallet.charge(m, {
          partnerId: partner.id,
          amount: '1',
          reference: { type: 'order', id: 9 },
          key: 'order:9:charge',
        });
        throw new Error('upstream write failed after the charge');
      }),
    ).rejects.toThrow('upstream write failed');
    const db = await fromDatabase(partner.id);
    expect(db.balance.toFixed()).toBe('3');
    expect(db.entries).toBe(1);
  });

  it('refuses a charge the balance cannot cover with insufficient_funds', async () => {
    const partner = await createPartner(gw);
    await credit(gw, partner.id, '1');
    const error = await transactions
      .run((m) =>
        wallet.charge(m, {
          partnerId: partner.id,
          amount: '1.00001',
          reference: { type: 'order', id: 77 },
          key: 'order:77:charge',
        }),
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('insufficient_funds');
  });

  it('never goes negative: 50 concurrent charges worth 5× the balance, exactly the affordable ones succeed', async () => {
    const partner = await createPartner(gw);
    // 10 charges of 0.33333 fit in 3.33330 exactly; 50 of them are 16.6665, five times the balance.
    await credit(gw, partner.id, '3.3333');
    const outcomes = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        transactions
          .run((m) =>
            wallet.charge(m, {
              partnerId: partner.id,
              amount: '0.33333',
              reference: { type: 'order', id: 1000 + i },
              key: `order:${1000 + i}:charge`,
            }),
          )
          .then(
            () => 'charged',
            (error: unknown) => (error instanceof DomainError ? error.code : String(error)),
          ),
      ),
    );
    expect(outcomes.filter((o) => o === 'charged')).toHaveLength(10);
    expect(outcomes.filter((o) => o === 'insufficient_funds')).toHaveLength(40);
    const db = await fromDatabase(partner.id);
    expect(db.balance.toFixed()).toBe('0');
    expect(db.sum.toFixed()).toBe('0');
    expect(db.entries).toBe(11);
    expect((await wallet.reconcile(partner.id)).consistent).toBe(true);
  });
});
