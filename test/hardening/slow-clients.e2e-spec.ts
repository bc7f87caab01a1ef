import { connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { engine } from '../support/database.js';
import { ADMIN_TOKEN, startGateway, type TestGateway } from '../support/gateway.js';

/** Everything the server wrote on a socket until it closed it. */
function answerOf(socket: Socket): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    socket.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    socket.on('close', () => resolve(text));
    socket.on('error', () => undefined);
  });
}

const bodyOf = (answer: string): unknown =>
  JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4));

/**
 * Slow and idle clients are bounded, over real sockets on loopback: a body that trickles in is cut
 * off with a 408 in the documented format, oversized headers get a 431, and connections beyond
 * MAX_CONNECTIONS are closed at once while the ones already open are still served.
 */
describe(`slow and idle clients (${engine})`, () => {
  let gw: TestGateway;
  let port: number;
  const sockets: Socket[] = [];
  const open = (): Promise<Socket> =>
    new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => resolve(socket));
      socket.once('error', reject);
      sockets.push(socket);
    });

  beforeAll(async () => {
    gw = await startGateway({
      env: { REQUEST_TIMEOUT_SECONDS: '2', HEADERS_TIMEOUT_SECONDS: '1', MAX_CONNECTIONS: '4' },
    });
    await gw.app.listen({ port: 0, host: '127.0.0.1' });
    port = (gw.app.getHttpServer().address() as AddressInfo).port;
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.destroy();
  });
  afterAll(async () => {
    await gw?.close();
  });

  async function trickle(path: string, type: string): Promise<string> {
    const socket = await open();
    const answer = answerOf(socket);
    socket.write(
      `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${ADMIN_TOKEN}\r\n` +
        `Content-Type: ${type}\r\nContent-Length: 100\r\n\r\n{`,
    );
    const drip = setInterval(() => socket.writable && socket.write(' '), 300);
    try {
      return await answer;
    } finally {
      clearInterval(drip);
    }
  }

  it('answers a body that trickles in with 408 problem+json, creating nothing', async () => {
    const answer = await trickle('/v1/admin/partners', 'application/json');
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(answer).toMatch(/content-type: application\/problem\+json/i);
    expect(bodyOf(answer)).toMatchObject({ status: 408, code: 'request_timeout' });
    const partners = await gw.http().get('/v1/admin/partners').set(gw.admin);
    expect(partners.body.items).toEqual([]);
  });

  it('answers a trickling API v2 request as a panel would: Incorrect request', async () => {
    const answer = await trickle('/api/v2', 'application/x-www-form-urlencoded');
    expect(answer).toMatch(/^HTTP\/1\.1 200 /);
    expect(bodyOf(answer)).toEqual({ error: 'Incorrect request' });
  });

  it('answers headers over the size limit with 431 (problem+json; a panel error on /api/v2)', async () => {
    for (const [path, expected] of [
      ['/v1/balance', { status: 431, code: 'headers_too_large' }],
      ['/api/v2', { error: 'Incorrect request' }],
    ] as const) {
      const socket = await open();
      const answer = answerOf(socket);
      socket.write(
        `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
      );
      expect(bodyOf(await answer)).toMatchObject(expected);
    }
  });

  it('closes connections beyond MAX_CONNECTIONS at once and still serves the open ones', async () => {
    const idle = await Promise.all([open(), open(), open(), open()]);
    const refused = await open();
    expect(await answerOf(refused)).toBe('');
    const served = answerOf(idle[0]!);
    idle[0]!.write('GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n');
    expect(await served).toMatch(/^HTTP\/1\.1 200 /);
    for (const socket of idle) socket.destroy();
    await new Promise((r) => setTimeout(r, 100));
    const again = await gw.http().get('/health/live');
    expect(again.status).toBe(200);
  });
});
