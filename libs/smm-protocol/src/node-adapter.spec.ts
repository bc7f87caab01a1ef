import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import axios, { AxiosError, isCancel } from 'axios';
import { nodeHttpAdapter } from './node-adapter.js';

/** A real node:http server on 127.0.0.1; each test sets what it answers. */
let handler: http.RequestListener = (_req, res) => res.end('{}');
const server = http.createServer((req, res) => handler(req, res));
let base: string;
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const client = axios.create({
  adapter: nodeHttpAdapter,
  responseType: 'text',
  transformRequest: [(data: unknown) => data],
  transformResponse: [(data: unknown) => data],
  validateStatus: () => true,
  maxRedirects: 0,
});

/** The request as the server saw it: method, path, headers, body. */
function capture(answer = '{"ok":1}') {
  const seen: { method?: string; url?: string; headers?: http.IncomingHttpHeaders; body?: string } =
    {};
  handler = (req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      Object.assign(seen, { method: req.method, url: req.url, headers: req.headers, body });
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(answer);
    });
  };
  return seen;
}

describe('nodeHttpAdapter', () => {
  it('sends method, path, query, headers and body as given; answers status and text', async () => {
    const seen = capture('{"order":5}');
    const response = await client.post(`${base}/api/v2?x=1`, 'key=k&action=add', {
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'User-Agent': 'ua/1' },
    });
    expect(response.status).toBe(200);
    expect(response.data).toBe('{"order":5}');
    expect(response.headers['content-type']).toBe('application/json');
    expect(seen).toMatchObject({ method: 'POST', url: '/api/v2?x=1', body: 'key=k&action=add' });
    expect(seen.headers).toMatchObject({
      'content-type': 'application/x-www-form-urlencoded',
      'content-length': '16',
      'user-agent': 'ua/1',
      'accept-encoding': 'gzip, compress, deflate, br',
    });
  });

  it('a GET has no body and no content type', async () => {
    const seen = capture();
    await client.get(`${base}/api/v2?key=k`);
    expect(seen.method).toBe('GET');
    expect(seen.body).toBe('');
    expect(seen.headers?.['content-type']).toBeUndefined();
  });

  it('decodes gzip and brotli answers and drops a UTF-8 BOM', async () => {
    const text = '\ufeff{"balance":"1.50","currency":"USD"}';
    for (const [encoding, encode] of [
      ['gzip', zlib.gzipSync],
      ['br', zlib.brotliCompressSync],
      ['deflate', zlib.deflateSync],
    ] as const) {
      handler = (_req, res) => {
        res.writeHead(200, { 'Content-Encoding': encoding }).end(encode(Buffer.from(text)));
      };
      const response = await client.get(base);
      expect(response.data).toBe(text.slice(1));
      expect(response.headers['content-encoding']).toBeUndefined();
    }
  });

  it('returns a redirect as it is, never following it', async () => {
    let hits = 0;
    handler = (_req, res) => {
      hits++;
      res.writeHead(302, { Location: `${base}/elsewhere` }).end();
    };
    const response = await client.get(base);
    expect(response.status).toBe(302);
    expect(hits).toBe(1);
  });

  it('caps the decoded answer at maxContentLength with axios’ message', async () => {
    const big = JSON.stringify({ pad: 'x'.repeat(10_000) });
    handler = (_req, res) => {
      res.writeHead(200, { 'Content-Encoding': 'gzip' }).end(zlib.gzipSync(big));
    };
    const error = await client.get(base, { maxContentLength: 1_000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AxiosError);
    expect((error as AxiosError).message).toBe('maxContentLength size of 1000 exceeded');
  });

  it('an abort signal cancels a call in flight', async () => {
    handler = () => undefined; // never answers
    const controller = new AbortController();
    const pending = client.get(base, { signal: controller.signal }).catch((e: unknown) => e);
    setTimeout(() => controller.abort(), 20);
    expect(isCancel(await pending)).toBe(true);
  });

  it('a connection refused carries its code', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await client.get(`http://127.0.0.1:${port}/`).catch((e: unknown) => e);
    expect((error as AxiosError).code).toBe('ECONNREFUSED');
  });

  it('a socket dying mid-answer is a reset', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'Content-Length': '100' });
      res.write('{"order":');
      setTimeout(() => res.socket?.destroy(), 10);
    };
    const error = await client.get(base).catch((e: unknown) => e);
    expect((error as AxiosError).code).toMatch(/ECONNRESET|ERR_BAD_RESPONSE/);
  });

  it('uses the given keep-alive agent (one socket for calls in sequence) and transport', async () => {
    capture();
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const ports = new Set<number>();
    let viaTransport = 0;
    const transport = {
      request(options: http.RequestOptions, callback: (res: http.IncomingMessage) => void) {
        viaTransport++;
        const req = http.request(options, callback);
        req.once('socket', (s) => s.once('connect', () => ports.add(s.localPort!)));
        return req;
      },
    };
    for (let i = 0; i < 3; i++) await client.get(base, { httpAgent: agent, transport });
    expect(viaTransport).toBe(3);
    expect(ports.size).toBe(1);
    agent.destroy();
  });

  it('applies validateStatus like axios does', async () => {
    handler = (_req, res) => res.writeHead(503).end('down');
    const strict = axios.create({ adapter: nodeHttpAdapter, responseType: 'text' });
    const error = await strict.get(base).catch((e: unknown) => e);
    expect((error as AxiosError).response?.status).toBe(503);
  });
});
