import http from 'node:http';
import { send, sendJson, startLocalPanel, type LocalPanel } from '../test/local-panel.js';
import { SmmApiClient } from './client.js';
import type { SmmTransport } from './transport.js';

// Characters that every encoding (URL, form, JSON) writes differently.
const KEY = 'k3y/with+special&chars=ok"quote';
const ENCODED_FORMS = [
  KEY,
  encodeURIComponent(KEY),
  new URLSearchParams({ k: KEY }).toString().slice(2),
  JSON.stringify(KEY).slice(1, -1),
];

let panel: LocalPanel;
beforeAll(async () => {
  panel = await startLocalPanel();
});
afterAll(() => panel.close());

const ORDER = { service: 1, link: 'https://example.com/p/1', quantity: 100 };

function expectNoKey(value: unknown): void {
  const text = JSON.stringify(value, (_k, v: unknown) => (v instanceof Map ? [...v] : v));
  for (const form of ENCODED_FORMS) expect(text).not.toContain(form);
}

describe('the API key never appears in an outcome', () => {
  it.each<SmmTransport>(['form', 'query', 'json'])(
    '%s: in success, rejection and ambiguity',
    async (transport) => {
      const client = new SmmApiClient({
        url: panel.url,
        apiKey: KEY,
        transport,
        timeoutMs: { add: 100 },
      });
      const outcomes: unknown[] = [];

      panel.handle((_req, res) => sendJson(res, 200, { order: 1 }));
      outcomes.push(await client.add(ORDER));

      // A panel that quotes the key back in its error message and in its raw body.
      panel.handle((req, res) =>
        sendJson(res, 200, { error: `Invalid API key ${req.fields['key']}` }),
      );
      const rejected = await client.add(ORDER);
      expect(rejected).toMatchObject({
        kind: 'rejected',
        reason: 'invalid_key',
        message: 'Invalid API key [redacted]',
      });
      outcomes.push(rejected);

      panel.handle((req, res) =>
        send(
          res,
          500,
          `<pre>Fatal error: ${req.body} ${req.path}?${new URLSearchParams(req.query)}</pre>`,
          'text/html',
        ),
      );
      outcomes.push(await client.add(ORDER));

      panel.handle((req, res) =>
        sendJson(res, 500, { error: `crashed on key=${req.fields['key']}` }),
      );
      outcomes.push(await client.add(ORDER));

      panel.handle(() => undefined);
      outcomes.push(await client.add(ORDER));

      panel.handle((req, res) => sendJson(res, 200, { '1': `bad key ${req.fields['key']}` }));
      outcomes.push(await client.statuses([1]));

      expectNoKey(outcomes);
      const diagnostics = (outcomes[0] as { diagnostics: { request: string; url: string } })
        .diagnostics;
      expect(diagnostics.request).toContain('[redacted]');
      expect(diagnostics.url).toBe(panel.url);
    },
  );

  it('nor in a failure before sending', async () => {
    const closed = await startLocalPanel();
    await closed.close();
    const outcomes = [
      await new SmmApiClient({ url: closed.url, apiKey: KEY, transport: 'query' }).balance(),
      await new SmmApiClient({
        url: panel.url.replace('127.0.0.1', 'panel.test'),
        apiKey: KEY,
        transport: 'query',
        httpAgent: new http.Agent({ lookup: () => undefined }),
        connectTimeoutMs: 30,
      }).services(),
      await new SmmApiClient({ url: panel.url, apiKey: KEY }).add({ ...ORDER, runs: 3 }),
    ];
    expect(outcomes.map((o) => o.kind)).toEqual(['failed', 'failed', 'failed']);
    expectNoKey(outcomes);
  });
});
