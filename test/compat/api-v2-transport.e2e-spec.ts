import type { TestGateway } from '../support/gateway.js';
import { createPartner, type TestPartner } from '../support/market.js';
import { startListeningGateway } from './support.js';

/**
 * /api/v2 reached the way real panel clients reach it: with a trailing `/` (a Node SDK always
 * appends one) and with a field sent twice (the last value wins, as on a PHP panel).
 */

let gw: TestGateway;
let apiUrl: string;
let partner: TestPartner;

beforeAll(async () => {
  ({ gw, apiUrl } = await startListeningGateway());
  partner = await createPartner(gw, { name: 'transport', credit: '12.5' });
});

afterAll(async () => {
  await gw?.close();
});

async function post(url: string, body: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(url, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body,
  });
  return { status: res.status, body: JSON.parse(await res.text()) as unknown };
}

const balance = { balance: '12.50000', currency: 'USD' };

describe('/api/v2/ with a trailing slash', () => {
  it('answers a form POST as /api/v2 does', async () => {
    const res = await post(`${apiUrl}/`, `key=${encodeURIComponent(partner.token)}&action=balance`);
    expect(res).toEqual({ status: 200, body: balance });
  });

  it('answers a GET with a query string as /api/v2 does', async () => {
    const res = await fetch(`${apiUrl}/?key=${encodeURIComponent(partner.token)}&action=balance`, {
      redirect: 'manual',
    });
    expect(res.status).toBe(200);
    expect(JSON.parse(await res.text())).toEqual(balance);
  });
});

describe('a repeated field', () => {
  it('keeps its last value', async () => {
    const res = await post(
      apiUrl,
      `key=${encodeURIComponent(partner.token)}&action=services&action=balance`,
    );
    expect(res).toEqual({ status: 200, body: balance });
  });
});

describe('a body labelled text/plain', () => {
  const send = async (body: string) => {
    const res = await fetch(apiUrl, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'text/plain' },
      body,
    });
    return { status: res.status, body: JSON.parse(await res.text()) as unknown };
  };

  it('is read as a form', async () => {
    const res = await send(`key=${encodeURIComponent(partner.token)}&action=balance`);
    expect(res).toEqual({ status: 200, body: balance });
  });

  it('is read as JSON when it is a JSON object', async () => {
    const res = await send(JSON.stringify({ key: partner.token, action: 'balance' }));
    expect(res).toEqual({ status: 200, body: balance });
  });

  it('malformed JSON stays Incorrect request', async () => {
    const res = await send('{"key": "x", "action":');
    expect(res).toEqual({ status: 200, body: { error: 'Incorrect request' } });
  });
});

describe('a body without Content-Type', () => {
  it('is read as a form', async () => {
    const res = await fetch(apiUrl, {
      method: 'POST',
      redirect: 'manual',
      body: new Blob([`key=${encodeURIComponent(partner.token)}&action=balance`]),
    });
    expect({ status: res.status, body: JSON.parse(await res.text()) as unknown }).toEqual({
      status: 200,
      body: balance,
    });
  });
});

describe('the REST API keeps its content types', () => {
  it('an unlabelled or unknown body on /v1 is still 415 unsupported_media_type', async () => {
    const rest = apiUrl.replace('/api/v2', '/v1/orders');
    for (const headers of [{}, { 'content-type': 'application/xml' }] as Record<string, string>[]) {
      const res = await fetch(rest, {
        method: 'POST',
        headers,
        body: new Blob(['<order/>']),
      });
      expect(res.status).toBe(415);
      expect(((await res.json()) as { code: string }).code).toBe('unsupported_media_type');
    }
  });
});
