import { DataSource } from 'typeorm';
import type { SimulatorHandle } from '../../apps/provider-sim/src/index.js';
import { freePort } from '../support/process.js';
import { startGateway, type TestGateway } from '../support/gateway.js';
import { expectProblem } from '../support/problem.js';
import { Seen, service, startPanel } from './panels.js';

describe('providers: registry, balance check, encrypted keys', () => {
  let gw: TestGateway;
  let panel: SimulatorHandle;
  let euro: SimulatorHandle;
  const seen = new Seen();
  const attemptedKeys: string[] = [];

  const post = async (body: Record<string, unknown>) => {
    if (typeof body.apiKey === 'string') attemptedKeys.push(body.apiKey);
    return seen.record(await gw.http().post('/v1/admin/providers').set(gw.admin).send(body));
  };
  const patch = async (id: number | string, body: Record<string, unknown>) => {
    if (typeof body.apiKey === 'string') attemptedKeys.push(body.apiKey);
    return seen.record(await gw.http().patch(`/v1/admin/providers/${id}`).set(gw.admin).send(body));
  };
  const get = async (path: string) => seen.record(await gw.http().get(path).set(gw.admin));
  const fieldsOf = (problem: Record<string, unknown>) =>
    (problem.errors as Array<{ field: string }>).map((e) => e.field);
  const count = async () => (await get('/v1/admin/providers')).body.length as number;

  beforeAll(async () => {
    gw = await startGateway();
    panel = await startPanel([service(1, 'Followers', '1')], { balance: '123.4567' });
    euro = await startPanel([service(1, 'Followers', '1')], { currency: 'EUR' });
  });
  afterAll(async () => {
    await gw?.close();
    await panel?.close();
    await euro?.close();
  });

  it('creates a provider after a successful balance check, showing only the key’s last 4', async () => {
    const res = await post({
      name: 'Panel',
      apiUrl: panel.url,
      apiKey: panel.apiKey,
      priority: 3,
      timeoutMs: 5000,
    });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({
      id: expect.any(Number),
      name: 'Panel',
      apiUrl: panel.url,
      apiKeyLast4: panel.apiKey.slice(-4),
      currency: 'USD',
      priority: 3,
      enabled: true,
      timeoutMs: 5000,
      balance: '123.4567',
      balanceError: null,
      lastSyncedAt: null,
    });
    expect(Number.isInteger(res.body.id)).toBe(true);
    expect(res.body).not.toHaveProperty('apiKey');
    expect((await get(`/v1/admin/providers/${res.body.id}`)).body).toEqual(res.body);
  });

  it('records the upstream currency, and refuses a currency that contradicts it', async () => {
    const ok = await post({ name: 'Euro panel', apiUrl: euro.url, apiKey: euro.apiKey });
    expect(ok.status, ok.text).toBe(201);
    expect(ok.body.currency).toBe('EUR');
    const mismatch = await post({
      name: 'Euro 2',
      apiUrl: euro.url,
      apiKey: euro.apiKey,
      currency: 'USD',
    });
    const body = expectProblem(mismatch, 422, 'provider_currency_mismatch');
    expect(body).toMatchObject({ reported: 'EUR', given: 'USD' });
  });

  it('answers 422 provider_key_invalid for a key the upstream refuses, and saves nothing', async () => {
    const before = await count();
    const res = await post({ name: 'Bad key', apiUrl: panel.url, apiKey: 'wrong-key-0000' });
    const body = expectProblem(res, 422, 'provider_key_invalid');
    expect(body.cause).toBe('invalid_key');
    expect(await count()).toBe(before);
  });

  it('answers 422 provider_unreachable when nothing listens, or the upstream is not the protocol', async () => {
    const port = await freePort();
    const refused = await post({
      name: 'Nobody',
      apiUrl: `http://127.0.0.1:${port}/api/v2`,
      apiKey: 'some-key-12345678',
    });
    expect(expectProblem(refused, 422, 'provider_unreachable').cause).toBe('connection_refused');
    await panel.control.setFaults({ html502EveryNth: 1 });
    try {
      const html = await post({ name: 'Broken', apiUrl: panel.url, apiKey: panel.apiKey });
      expect(expectProblem(html, 422, 'provider_unreachable').cause).toBe('http_status');
    } finally {
      await panel.control.clearFaults();
    }
  });

  it('refuses a duplicate name with 409', async () => {
    const res = await post({ name: 'Panel', apiUrl: panel.url, apiKey: panel.apiKey });
    expectProblem(res, 409, 'provider_name_taken');
  });

  it('validates every field (400, each field named, the key never echoed)', async () => {
    const res = await post({
      name: '',
      apiUrl: 'ftp://x',
      apiKey: 'short',
      currency: 'usd',
      priority: 1.5,
      enabled: 'yes',
      timeoutMs: 10,
      extra: 1,
    });
    const body = expectProblem(res, 400, 'validation_failed');
    const fields = new Set((body.errors as Array<{ field: string }>).map((e) => e.field));
    expect(fields).toEqual(
      new Set([
        'name',
        'apiUrl',
        'apiKey',
        'currency',
        'priority',
        'enabled',
        'timeoutMs',
        'extra',
      ]),
    );
    expect(res.text).not.toContain('short');
    expectProblem(await post({}), 400, 'validation_failed');
    const nul = await post({ name: 'a\u0000b', apiUrl: panel.url, apiKey: 'key\u0000with-nul' });
    expect(new Set(fieldsOf(expectProblem(nul, 400, 'validation_failed')))).toEqual(
      new Set(['name', 'apiKey']),
    );
  });

  it('updates a provider; a new key is checked first and a refused one changes nothing', async () => {
    const id = (await get('/v1/admin/providers')).body[0].id as number;
    const refused = await patch(id, { apiKey: 'another-wrong-key' });
    expectProblem(refused, 422, 'provider_key_invalid');
    expect((await get(`/v1/admin/providers/${id}`)).body.apiKeyLast4).toBe(panel.apiKey.slice(-4));

    const res = await patch(id, { enabled: false, priority: -2, name: 'Panel renamed' });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ enabled: false, priority: -2, name: 'Panel renamed' });
    expect((await patch(id, {})).status).toBe(200);
    expect((await patch(id, { apiKey: panel.apiKey, enabled: true })).body.enabled).toBe(true);
    expectProblem(await patch(id, { timeoutMs: 'x', bogus: true }), 400, 'validation_failed');
    expectProblem(await patch(999_999, { enabled: false }), 404, 'not_found');
    expectProblem(await patch('abc', { enabled: false }), 404, 'not_found');
  });

  it('answers 404 problems for unknown or malformed ids', async () => {
    expectProblem(await get('/v1/admin/providers/424242'), 404, 'not_found');
    expectProblem(await get('/v1/admin/providers/99999999999'), 404, 'not_found');
    expectProblem(await get('/v1/admin/providers/0'), 404, 'not_found');
    const sync = seen.record(await gw.http().post('/v1/admin/providers/424242/sync').set(gw.admin));
    expectProblem(sync, 404, 'not_found');
    expectProblem(await get('/v1/admin/providers/424242/offers'), 404, 'not_found');
  });

  it('refreshes the balance on demand; a failure answers 502 and is recorded', async () => {
    const id = (await get('/v1/admin/providers')).body[0].id as number;
    await panel.control.setBalance('99.5');
    const ok = seen.record(await gw.http().post(`/v1/admin/providers/${id}/balance`).set(gw.admin));
    expect(ok.status, ok.text).toBe(200);
    expect(ok.body.balance).toBe('99.5');
    await panel.control.setFaults({ truncatedJson: true });
    try {
      const failed = seen.record(
        await gw.http().post(`/v1/admin/providers/${id}/balance`).set(gw.admin),
      );
      expectProblem(failed, 502, 'upstream_failed');
      const after = (await get(`/v1/admin/providers/${id}`)).body;
      expect(after.balance).toBe('99.5');
      expect(after.balanceError).toMatch(/ambiguous/);
    } finally {
      await panel.control.clearFaults();
    }
  });

  it('keeps keys encrypted at rest and out of the audit log', async () => {
    const dataSource = gw.app.get(DataSource);
    const rows: Array<{ api_key_ciphertext: string }> = await dataSource.query(
      'SELECT api_key_ciphertext FROM providers',
    );
    expect(rows.length).toBe(2);
    for (const row of rows) {
      expect(row.api_key_ciphertext).toMatch(/^v1:/);
      for (const key of [panel.apiKey, euro.apiKey])
        expect(row.api_key_ciphertext).not.toContain(key);
    }
    const audit: Array<{ action: string; details: string | null }> = await dataSource.query(
      "SELECT action, details FROM audit_log WHERE target_type = 'provider' ORDER BY id",
    );
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['provider.create', 'provider.update', 'provider.refresh-balance']),
    );
    const auditText = JSON.stringify(audit);
    for (const key of [panel.apiKey, euro.apiKey, ...attemptedKeys])
      expect(auditText).not.toContain(key);
  });

  it('never shows an upstream key, even a refused one, in a response or a log line', () => {
    const text = seen.text();
    const logs = gw.logs.join('\n');
    expect(attemptedKeys.length).toBeGreaterThan(5);
    for (const key of new Set([panel.apiKey, euro.apiKey, ...attemptedKeys])) {
      if (key.length < 8) continue; // refused by validation before anything else
      expect(text).not.toContain(key);
      expect(logs).not.toContain(key);
    }
  });
});
