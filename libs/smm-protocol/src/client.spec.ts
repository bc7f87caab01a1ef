import http from 'node:http';
import type { LookupFunction } from 'node:net';
import { fixture } from '../test/fixtures.js';
import { send, sendJson, startLocalPanel, type LocalPanel } from '../test/local-panel.js';
import { SmmApiClient, type SmmApiClientOptions } from './client.js';

const KEY = 'test-key-3f9a1c2e8b7d';

let panel: LocalPanel;
beforeAll(async () => {
  panel = await startLocalPanel();
});
afterAll(() => panel.close());
beforeEach(() => {
  panel.received.length = 0;
});

const client = (options: Partial<SmmApiClientOptions> = {}) =>
  new SmmApiClient({ url: panel.url, apiKey: KEY, ...options });

// Node resolves names only: an IP literal never reaches a custom lookup.
const byName = (url: string) => url.replace('127.0.0.1', 'panel.test');

const ORDER = { service: 1, link: 'https://example.com/p/1', quantity: 100, runs: 2, interval: 30 };

describe('transports put the fields where the panel expects them', () => {
  beforeEach(() => panel.handle((_req, res) => sendJson(res, 200, { order: 23501 })));

  it('form (default): POST with an x-www-form-urlencoded body, nothing in the query', async () => {
    await client().add({ ...ORDER, answerNumber: 2, comments: ['first', 'second'] });
    const [req] = panel.received;
    expect(req!.method).toBe('POST');
    expect(req!.path).toBe('/api/v2');
    expect(req!.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(req!.headers['user-agent']).toBe('smm-gateway/1.0');
    expect(req!.query).toEqual({});
    expect(req!.fields).toEqual({
      key: KEY,
      action: 'add',
      service: '1',
      link: 'https://example.com/p/1',
      quantity: '100',
      runs: '2',
      interval: '30',
      answer_number: '2',
      comments: 'first\nsecond',
    });
    expect(req!.body.startsWith(`key=${KEY}&action=add&service=1`)).toBe(true);
  });

  it('query: GET with every field in the query string and no body', async () => {
    await client({ transport: 'query' }).add(ORDER);
    const [req] = panel.received;
    expect(req!.method).toBe('GET');
    expect(req!.body).toBe('');
    expect(req!.query).toEqual({
      key: KEY,
      action: 'add',
      service: '1',
      link: 'https://example.com/p/1',
      quantity: '100',
      runs: '2',
      interval: '30',
    });
  });

  it('json: POST with a JSON object body', async () => {
    await client({ transport: 'json' }).add(ORDER);
    const [req] = panel.received;
    expect(req!.method).toBe('POST');
    expect(req!.headers['content-type']).toBe('application/json');
    expect(req!.query).toEqual({});
    expect(JSON.parse(req!.body)).toEqual({
      key: KEY,
      action: 'add',
      service: '1',
      link: 'https://example.com/p/1',
      quantity: '100',
      runs: '2',
      interval: '30',
    });
  });
});

describe('every method succeeds on the canonical answers', () => {
  beforeEach(() =>
    panel.handle((req, res) => {
      const answers: Record<string, string> = {
        services: fixture('services-canonical.json'),
        add: fixture('add-success.json'),
        balance: fixture('balance.json'),
        status: req.fields['orders'] ? fixture('status-many.json') : fixture('status-one.json'),
        refill: req.fields['orders'] ? fixture('refill-many.json') : fixture('refill-one.json'),
        refill_status: req.fields['refills']
          ? fixture('refill-status-many.json')
          : fixture('refill-status-one.json'),
        cancel: fixture('cancel.json'),
      };
      send(res, 200, answers[req.fields['action']!] ?? '{"error":"Incorrect request"}');
    }),
  );

  it('services, add, status, refill, refill_status and balance', async () => {
    const c = client();
    const services = await c.services();
    expect(services.kind === 'success' && services.value.services.map((s) => s.id)).toEqual([
      '1',
      '2',
    ]);
    expect(await c.add(ORDER)).toMatchObject({ kind: 'success', value: { orderId: '23501' } });
    const status = await c.status(23501);
    expect(status).toMatchObject({ kind: 'success', value: { status: 'partial', remains: 157 } });
    expect(panel.received.at(-1)!.fields).toMatchObject({ action: 'status', order: '23501' });
    expect(await c.refill('23501')).toMatchObject({ kind: 'success', value: { refillId: '1' } });
    expect(await c.refillStatus(1)).toMatchObject({
      kind: 'success',
      value: { status: 'completed' },
    });
    const balance = await c.balance();
    expect(balance.kind === 'success' && balance.value.balance.toFixed()).toBe('100.84292');
  });

  it('statuses, refills, refillStatuses and cancel send comma-separated ids', async () => {
    const c = client();
    const statuses = await c.statuses([1, '10', 100]);
    expect(panel.received.at(-1)!.fields).toMatchObject({ action: 'status', orders: '1,10,100' });
    expect(statuses.results.get('1')?.kind).toBe('ok');
    expect(statuses.results.get('10')).toMatchObject({ kind: 'error', reason: 'unknown_order' });

    const refills = await c.refills([1, 2, 3]);
    expect(panel.received.at(-1)!.fields).toMatchObject({ action: 'refill', orders: '1,2,3' });
    expect(refills.results.get('2')).toEqual({ kind: 'ok', value: '2' });

    const refillStatuses = await c.refillStatuses([1, 2, 3, 4, 5]);
    expect(panel.received.at(-1)!.fields).toMatchObject({
      action: 'refill_status',
      refills: '1,2,3,4,5',
    });
    expect(refillStatuses.results.get('2')).toMatchObject({
      kind: 'ok',
      value: { status: 'rejected' },
    });

    const cancel = await c.cancel([9, 2]);
    expect(panel.received.at(-1)!.fields).toMatchObject({ action: 'cancel', orders: '9,2' });
    expect(cancel.results.get('2')).toEqual({ kind: 'ok', value: true });
    expect(cancel.results.get('9')).toMatchObject({ kind: 'error', reason: 'unknown_order' });
  });
});

describe('rejections: every error message of the reference', () => {
  it.each([
    ['Incorrect request', 'other', false],
    ['Invalid API key', 'invalid_key', true],
    ['Incorrect API key', 'invalid_key', true],
    ['Incorrect service ID', 'unknown_service', true],
    ['Incorrect link', 'bad_link', false],
    ['Bad link', 'bad_link', false],
    ['Quantity less than minimal 50', 'quantity_out_of_range', true],
    ['Quantity more than maximal 10000', 'quantity_out_of_range', true],
    ['Not enough funds on balance', 'insufficient_funds', true],
    [
      'You have active order with this link. Please wait until order being completed.',
      'duplicate_active_order',
      false,
    ],
    ['Incorrect order ID', 'unknown_order', false],
    ['Refill not found', 'unknown_refill', false],
    ['Order not eligible for refill.', 'not_eligible', false],
  ])('"%s" → %s (retry elsewhere: %s)', async (message, reason, retryElsewhere) => {
    panel.handle((_req, res) => sendJson(res, 200, { error: message }));
    expect(await client().add(ORDER)).toMatchObject({
      kind: 'rejected',
      reason,
      retryElsewhere,
      message,
    });
  });

  it('HTTP 429 is rejected as rate_limited: not placed, another upstream may take it', async () => {
    panel.handle((_req, res) => send(res, 429, '<html>Too Many Requests</html>', 'text/html'));
    expect(await client().add(ORDER)).toMatchObject({
      kind: 'rejected',
      reason: 'rate_limited',
      retryElsewhere: true,
    });
  });
});

describe('failed: the request never left', () => {
  it('connection refused', async () => {
    const closed = await startLocalPanel();
    await closed.close();
    const outcome = await new SmmApiClient({ url: closed.url, apiKey: KEY }).add(ORDER);
    expect(outcome).toMatchObject({ kind: 'failed', cause: 'connection_refused' });
  });

  it('DNS failure', async () => {
    const lookup: LookupFunction = (_host, _options, callback) =>
      callback(
        Object.assign(new Error('getaddrinfo ENOTFOUND panel.invalid'), { code: 'ENOTFOUND' }),
        '',
        4,
      );
    const agent = new http.Agent({ lookup });
    const outcome = await client({ url: byName(panel.url), httpAgent: agent }).add(ORDER);
    expect(outcome).toMatchObject({ kind: 'failed', cause: 'dns' });
    expect(panel.received).toHaveLength(0);
    agent.destroy();
  });

  it('connect timeout: still connecting when the connect timer fires', async () => {
    const hang: LookupFunction = () => undefined; // a resolver that never answers
    const agent = new http.Agent({ lookup: hang });
    const outcome = await client({
      url: byName(panel.url),
      httpAgent: agent,
      connectTimeoutMs: 50,
    }).add(ORDER);
    expect(outcome).toMatchObject({ kind: 'failed', cause: 'connect_timeout' });
    expect(outcome.diagnostics.durationMs).toBeLessThan(2_000);
    expect(panel.received).toHaveLength(0);
    agent.destroy();
  });

  it('the call timeout during connect counts as a connect timeout too', async () => {
    const agent = new http.Agent({ lookup: () => undefined });
    const outcome = await client({
      url: byName(panel.url),
      httpAgent: agent,
      timeoutMs: { add: 50 },
    }).add(ORDER);
    expect(outcome).toMatchObject({ kind: 'failed', cause: 'connect_timeout' });
    agent.destroy();
  });

  it('a request the library refuses to build is never sent', async () => {
    const outcome = await client().add({ service: 1, link: 'x', quantity: 10, runs: 2 });
    expect(outcome).toMatchObject({ kind: 'failed', cause: 'invalid_request' });
    expect(await client().status('abc')).toMatchObject({
      kind: 'failed',
      cause: 'invalid_request',
    });
    expect(panel.received).toHaveLength(0);
  });
});

describe('ambiguous: sent, no answer we can trust', () => {
  it('response timeout after the panel received the request', async () => {
    panel.handle(() => undefined); // never answers
    const outcome = await client({ timeoutMs: { add: 150 } }).add(ORDER);
    expect(outcome).toMatchObject({ kind: 'ambiguous', cause: 'response_timeout' });
    expect(panel.received).toHaveLength(1);
  });

  it('response timeout on a fresh connection (no keep-alive reuse)', async () => {
    panel.handle(() => undefined);
    const agent = new http.Agent({ keepAlive: false });
    const outcome = await client({ httpAgent: agent, timeoutMs: { add: 150 } }).add(ORDER);
    expect(outcome).toMatchObject({ kind: 'ambiguous', cause: 'response_timeout' });
    agent.destroy();
  });

  it('socket destroyed mid-response', async () => {
    panel.handle((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '100' });
      res.write('{"order":');
      setTimeout(() => res.socket?.destroy(), 20);
    });
    expect(await client().add(ORDER)).toMatchObject({
      kind: 'ambiguous',
      cause: 'connection_reset',
    });
  });

  it('socket destroyed before any response', async () => {
    panel.handle((_req, res) => {
      res.socket?.destroy();
    });
    expect(await client().add(ORDER)).toMatchObject({
      kind: 'ambiguous',
      cause: 'connection_reset',
    });
  });

  it('HTML 502 from a proxy', async () => {
    panel.handle((_req, res) => send(res, 502, fixture('html-502.html'), 'text/html'));
    const outcome = await client().add(ORDER);
    expect(outcome).toMatchObject({
      kind: 'ambiguous',
      cause: 'http_status',
      diagnostics: { httpStatus: 502 },
    });
    expect(outcome.diagnostics.response).toContain('<title>502 Bad Gateway</title>');
  });

  it('truncated JSON', async () => {
    panel.handle((_req, res) => send(res, 200, fixture('truncated-add.txt')));
    expect(await client().add(ORDER)).toMatchObject({ kind: 'ambiguous', cause: 'invalid_json' });
  });

  it('a redirect is neither followed nor trusted', async () => {
    panel.handle((_req, res) => {
      res.writeHead(301, { Location: 'https://elsewhere.example/api/v2', 'Content-Length': '0' });
      res.end();
    });
    expect(await client().add(ORDER)).toMatchObject({ kind: 'ambiguous', cause: 'redirect' });
    expect(panel.received).toHaveLength(1);
  });

  it('a body larger than allowed', async () => {
    panel.handle((_req, res) =>
      send(res, 200, JSON.stringify({ order: 1, pad: 'x'.repeat(5_000) })),
    );
    expect(await client({ maxResponseBytes: 1_000 }).add(ORDER)).toMatchObject({
      kind: 'ambiguous',
      cause: 'response_too_large',
    });
  });
});
