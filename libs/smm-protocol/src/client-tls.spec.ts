import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import https from 'node:https';
import net, { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SmmApiClient } from './client.js';

const ORDER = { service: 1, link: 'https://example.com/p/1', quantity: 100 };

/** A throwaway self-signed certificate for 127.0.0.1 (openssl is part of the machine and of CI). */
function selfSigned(): { key: string; cert: string } {
  const dir = mkdtempSync(join(tmpdir(), 'smm-tls-'));
  try {
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1']
        .concat(['-addext', 'subjectAltName=IP:127.0.0.1'])
        .concat(['-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')]),
      { stdio: 'ignore' },
    );
    return {
      key: readFileSync(join(dir, 'key.pem'), 'utf8'),
      cert: readFileSync(join(dir, 'cert.pem'), 'utf8'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function listen(server: net.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

async function close(server: net.Server): Promise<void> {
  (server as net.Server & { closeAllConnections?: () => void }).closeAllConnections?.();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

const tls = selfSigned();

describe('over TLS, "sent" starts once the handshake is done', () => {
  it('places an order over https with keep-alive', async () => {
    let received = 0;
    const server = https.createServer(tls, (_req, res) => {
      received++;
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"order":7}');
    });
    const port = await listen(server);
    const agent = new https.Agent({ keepAlive: true, ca: tls.cert });
    const client = new SmmApiClient({
      url: `https://127.0.0.1:${port}/api/v2`,
      apiKey: 'k-tls-1',
      httpsAgent: agent,
    });
    expect(await client.add(ORDER)).toMatchObject({ kind: 'success', value: { orderId: '7' } });
    expect(await client.add(ORDER)).toMatchObject({ kind: 'success', value: { orderId: '7' } });
    expect(received).toBe(2);
    agent.destroy();
    await close(server);
  });

  it('a response timeout after the handshake is ambiguous', async () => {
    const server = https.createServer(tls, () => undefined);
    const port = await listen(server);
    const agent = new https.Agent({ keepAlive: false, ca: tls.cert });
    const client = new SmmApiClient({
      url: `https://127.0.0.1:${port}/api/v2`,
      apiKey: 'k-tls-2',
      httpsAgent: agent,
      timeoutMs: { add: 300 },
    });
    expect(await client.add(ORDER)).toMatchObject({ kind: 'ambiguous', cause: 'response_timeout' });
    agent.destroy();
    await close(server);
  });
});

describe('a TLS handshake that never completes', () => {
  it('is a connect timeout (not sent), though TCP connected', async () => {
    const accepted: net.Socket[] = [];
    // Accepts TCP, never answers the ClientHello.
    const silent = net.createServer((socket) => accepted.push(socket));
    const port = await listen(silent);
    const client = new SmmApiClient({
      url: `https://127.0.0.1:${port}/api/v2`,
      apiKey: 'k-tls-3',
      connectTimeoutMs: 100,
    });
    expect(await client.add(ORDER)).toMatchObject({ kind: 'failed', cause: 'connect_timeout' });
    expect(accepted).toHaveLength(1);
    accepted.forEach((socket) => socket.destroy());
    await close(silent);
  });
});
