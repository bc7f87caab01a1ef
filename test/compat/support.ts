import type { AddressInfo } from 'node:net';
import { SmmApiClient, type SmmTransport } from '#smm-protocol';
import { startGateway, type StartOptions, type TestGateway } from '../support/gateway.js';

/**
 * The gateway listening on loopback, so that real protocol clients (the library's SmmApiClient,
 * plain fetch, another gateway) can call its /api/v2.
 */
export async function startListeningGateway(options: StartOptions = {}): Promise<{
  gw: TestGateway;
  apiUrl: string;
}> {
  const gw = await startGateway({
    ...options,
    env: { RATE_LIMIT_PER_MINUTE: '100000', ...options.env },
  });
  await gw.app.listen(0, '127.0.0.1');
  const { port } = gw.app.getHttpServer().address() as AddressInfo;
  return { gw, apiUrl: `http://127.0.0.1:${port}/api/v2` };
}

/** The protocol library's client, pointed at the gateway with a partner token as the key. */
export const v2Client = (apiUrl: string, key: string, transport: SmmTransport = 'form') =>
  new SmmApiClient({ url: apiUrl, apiKey: key, transport });

/** One raw call: the HTTP status, content type and decoded body (for canonical shapes). */
export async function rawCall(
  apiUrl: string,
  fields: Record<string, string>,
  transport: SmmTransport = 'form',
): Promise<{ status: number; contentType: string | null; body: unknown; text: string }> {
  let res: Response;
  if (transport === 'query') {
    res = await fetch(`${apiUrl}?${new URLSearchParams(fields).toString()}`, {
      redirect: 'manual',
    });
  } else {
    res = await fetch(apiUrl, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'content-type':
          transport === 'json' ? 'application/json' : 'application/x-www-form-urlencoded',
      },
      body: transport === 'json' ? JSON.stringify(fields) : new URLSearchParams(fields).toString(),
    });
  }
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: res.status, contentType: res.headers.get('content-type'), body, text };
}
