import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request as the test panel received it, with its fields decoded from wherever they travelled. */
export interface ReceivedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: Record<string, string>;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
  /** Query, form or JSON fields, merged. */
  readonly fields: Record<string, string>;
}

export type PanelHandler = (
  request: ReceivedRequest,
  res: http.ServerResponse,
) => void | Promise<void>;

export interface LocalPanel {
  readonly url: string;
  readonly received: ReceivedRequest[];
  handle(handler: PanelHandler): void;
  close(): Promise<void>;
}

/** A bare node:http server on 127.0.0.1 (loopback only, port chosen by the OS) for client tests. */
export async function startLocalPanel(): Promise<LocalPanel> {
  const received: ReceivedRequest[] = [];
  let handler: PanelHandler = (_req, res) => sendJson(res, 500, { error: 'no handler' });
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const query = Object.fromEntries(url.searchParams);
      const fields = { ...query, ...bodyFields(req.headers['content-type'], body) };
      const request = {
        method: req.method ?? '',
        path: url.pathname,
        query,
        headers: req.headers,
        body,
        fields,
      };
      received.push(request);
      void Promise.resolve(handler(request, res)).catch(() => res.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/v2`,
    received,
    handle: (next) => {
      handler = next;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function bodyFields(contentType: string | undefined, body: string): Record<string, string> {
  if (!body) return {};
  if (contentType?.startsWith('application/json')) {
    return Object.fromEntries(
      Object.entries(JSON.parse(body) as Record<string, unknown>).map(([k, v]) => [k, String(v)]),
    );
  }
  return Object.fromEntries(new URLSearchParams(body));
}

export function sendJson(res: http.ServerResponse, status: number, value: unknown): void {
  send(res, status, JSON.stringify(value), 'application/json');
}

export function send(
  res: http.ServerResponse,
  status: number,
  body: string,
  type = 'application/json',
): void {
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}
