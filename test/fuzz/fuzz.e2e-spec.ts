import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { engine } from '../support/database.js';
import { startGateway, type TestGateway } from '../support/gateway.js';
import {
  addPanel,
  balanceOf,
  createPartner,
  createService,
  followers,
  upstreamOrders,
  type Panel,
  type TestPartner,
} from '../support/market.js';
import { badBody, badJson, badText } from './bad-input.js';

/**
 * Property: no generated bad request, on any operation of the OpenAPI document or any /api/v2
 * action, gets a 5xx or an answer outside the documented format, or changes what matters: no
 * order reaches an upstream, no money moves, the balance stays the ledger's sum. Fixed seed and
 * run count here (CI); `npm run fuzz -- --seed N --runs N` runs longer.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261205);
const RUNS = Number(process.env.FUZZ_RUNS ?? 20);

interface Operation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  query: string[];
  body: string[] | null;
}

function operations(): Operation[] {
  const doc = JSON.parse(readFileSync('openapi/openapi.json', 'utf8')) as {
    paths: Record<string, Record<string, OpenApiOperation>>;
    components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
  };
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const ref = op.requestBody?.content?.['application/json']?.schema?.$ref;
      const schema = ref ? doc.components.schemas[ref.split('/').pop()!] : undefined;
      ops.push({
        method: method as Operation['method'],
        path,
        query: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
        body: op.requestBody ? Object.keys(schema?.properties ?? {}) : null,
      });
    }
  }
  return ops;
}

interface OpenApiOperation {
  parameters?: { in: string; name: string }[];
  requestBody?: { content?: Record<string, { schema?: { $ref?: string } }> };
}

const V2_ACTIONS = ['services', 'add', 'status', 'refill', 'refill_status', 'cancel', 'balance'];
const V2_FIELDS = [
  'service',
  'link',
  'quantity',
  'order',
  'orders',
  'refill',
  'refills',
  'runs',
  'interval',
  'comments',
  'usernames',
  'idempotency_key',
];

describe(`fuzz: generated bad input over every operation (${engine})`, () => {
  let gw: TestGateway;
  let panel: Panel;
  let partner: TestPartner;
  let sent = 0;

  beforeAll(async () => {
    gw = await startGateway({
      env: { RATE_LIMIT_PER_MINUTE: '1000000', AUTH_FAILURES_PER_MINUTE: '10000' },
    });
    panel = await addPanel(gw, { name: 'panel', catalog: [followers(1, '1.00')] });
    await createService(gw, { name: 'Followers' }, [
      { providerId: panel.providerId, upstreamServiceId: 1 },
    ]);
    partner = await createPartner(gw, { name: 'fuzzed', credit: '10' });
  });
  afterAll(async () => {
    await panel?.sim.close();
    await gw?.close();
  });

  async function unchanged(): Promise<void> {
    expect(await upstreamOrders([panel])).toBe(0);
    expect(await balanceOf(gw, partner)).toBe('10');
    const ledger = await gw.http().get(`/v1/admin/partners/${partner.id}/ledger`).set(gw.admin);
    expect(ledger.body.items).toHaveLength(1);
  }

  it.each(operations())('$method $path', async (op) => {
    const admin = op.path.startsWith('/v1/admin') || op.path.startsWith('/health');
    const params = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
    await fc.assert(
      fc.asyncProperty(
        fc.tuple(...params.map(() => badText)),
        fc.dictionary(fc.constantFrom(...op.query, 'unknown'), badText, { maxKeys: 3 }),
        op.body ? badBody(op.body) : fc.constant(undefined),
        fc.boolean(),
        async (values, query, body, asPartner) => {
          let path = op.path;
          params.forEach((name, i) => {
            path = path.replace(`{${name}}`, percentEncoded(values[i] ?? ''));
          });
          const auth = admin && !asPartner ? gw.admin : partner.auth;
          let req = gw.http()[op.method](path).set(auth).query(queryString(query));
          if (body !== undefined)
            req = req.set('Content-Type', 'application/json').send(JSON.stringify(body) ?? 'null');
          const res = await req;
          sent += 1;
          expect(res.status, `${op.method} ${path} → ${res.text.slice(0, 300)}`).toBeLessThan(500);
          if (res.status >= 400) {
            expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
            expect(typeof res.body.code).toBe('string');
          }
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
    await unchanged();
  });

  it('every /api/v2 action', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...V2_ACTIONS),
        fc.dictionary(fc.constantFrom(...V2_FIELDS), badJson, { maxKeys: 5 }),
        fc.constantFrom('form', 'json', 'query'),
        async (action, fields, transport) => {
          const payload = { key: partner.token, action, ...fields };
          const req =
            transport === 'query'
              ? gw
                  .http()
                  .get('/api/v2')
                  .query(queryString({ key: partner.token, action, ...stringify(fields) }))
              : transport === 'form'
                ? gw
                    .http()
                    .post('/api/v2')
                    .type('form')
                    .send(queryString({ ...stringify(fields), key: partner.token, action }))
                : gw
                    .http()
                    .post('/api/v2')
                    .set('Content-Type', 'application/json')
                    .send(JSON.stringify(payload));
          const res = await req;
          sent += 1;
          expect(res.status, res.text.slice(0, 300)).toBeLessThan(500);
          expect(res.headers['content-type']).toMatch(/^application\/json/);
          expect(() => JSON.parse(res.text)).not.toThrow();
        },
      ),
      { seed: SEED, numRuns: RUNS * 20 },
    );
    await unchanged();
  });

  afterAll(() => {
    console.log(`fuzz (${engine}): ${sent} generated requests, seed ${SEED}`);
  });
});

/** Every UTF-8 byte percent-encoded (a lone surrogate becomes U+FFFD instead of throwing). */
function percentEncoded(text: string): string {
  return [...Buffer.from(text, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
}

function queryString(query: Record<string, string>): string {
  return Object.entries(query)
    .map(([k, v]) => `${percentEncoded(k)}=${percentEncoded(v)}`)
    .join('&');
}

function stringify(fields: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(fields).map(([k, v]) => [
      k,
      typeof v === 'string' ? v : (JSON.stringify(v) ?? ''),
    ]),
  );
}
