import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { handleApi } from './actions.js';
import { handleControl } from './control-routes.js';
import type { SimEngine } from './engine.js';
import { BadRequest, HTML_502, parseApiBody, readBody, sendJson, sendText } from './http-io.js';

export interface SimServer {
  server: Server;
  /** Stops listening and destroys every connection, hung ones included; cancels delayed replies. */
  close(): Promise<void>;
}

/**
 * One node:http server for both `/api/v2` (the panel) and `/__control` (the test hooks). Plain
 * node:http keeps the per-request cost at parsing a small body and a Map lookup.
 */
export function createSimServer(engine: SimEngine): SimServer {
  // API requests counted since the faults were last set, for html502EveryNth.
  let apiRequests = 0;
  const timers = new Set<NodeJS.Timeout>();

  /** Sends an API answer, late when the latency fault is on. */
  const reply = (res: ServerResponse, send: () => void) => {
    const latency = engine.faults.latencyMs ?? 0;
    if (latency <= 0) return send();
    const timer = setTimeout(() => {
      timers.delete(timer);
      send();
    }, latency);
    timers.add(timer);
  };

  async function api(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    let params: Record<string, unknown> | undefined;
    try {
      const text = await readBody(req);
      const body = parseApiBody(req.headers['content-type'], text);
      params = { ...Object.fromEntries(url.searchParams), ...body };
      engine.countEncoding(encodingOf(req.headers['content-type'], text));
    } catch (error) {
      if (!(error instanceof BadRequest)) throw error;
    }
    engine.countRequest(typeof params?.action === 'string' ? params.action : '(none)');
    const faults = engine.faults;
    if (faults.http429) {
      return reply(res, () => sendJson(res, 429, { error: 'Too many requests' }));
    }
    apiRequests += 1;
    const nth = faults.html502EveryNth ?? 0;
    const html502 = nth > 0 && apiRequests % nth === 0;
    const html = () => sendText(res, 502, 'text/html', HTML_502);
    if (html502 && !faults.html502AfterCreate) return reply(res, html);

    const outcome = params ? handleApi(engine, params) : { body: { error: 'Incorrect request' } };
    if (html502) return reply(res, html);
    // The ambiguous placement: created and debited, and no answer ever comes.
    if (faults.hangAfterCreate && 'createdOrderId' in outcome) return;
    let text = JSON.stringify(outcome.body);
    if (faults.truncatedJson) text = text.slice(0, Math.max(1, Math.floor(text.length / 2)));
    reply(res, () => sendText(res, 200, 'application/json; charset=utf-8', text));
  }

  async function control(req: IncomingMessage, res: ServerResponse, path: string) {
    let body: unknown;
    try {
      const text = await readBody(req);
      // Catalogs are arrays, so JSON here is any value, not only an object.
      body = text.trim() === '' ? undefined : JSON.parse(text);
    } catch {
      return sendJson(res, 400, { error: 'body is not valid JSON' });
    }
    const result = handleControl(engine, req.method ?? 'GET', path, body, () => {
      apiRequests = 0;
    });
    sendJson(res, result.status, result.body);
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://simulator');
    // Never redirect: `/api/v2/` is served like `/api/v2`.
    const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : url.pathname;
    const handled =
      path === '/api/v2'
        ? api(req, res, url)
        : path === '/__control' || path.startsWith('/__control/')
          ? control(req, res, path)
          : Promise.resolve(sendJson(res, 404, { error: 'Not found' }));
    handled.catch((error: unknown) => {
      sendJson(res, 500, { error: error instanceof Error ? error.message : 'internal error' });
    });
  });
  // Benchmarks keep connections alive; do not drop idle ones between bursts too eagerly.
  server.keepAliveTimeout = 30_000;

  return {
    server,
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** How a request carried its fields: form body (canonical), JSON body, or the query string. */
function encodingOf(contentType: string | undefined, body: string): 'form' | 'json' | 'query' {
  if (body.trim() === '') return 'query';
  return (contentType ?? '').toLowerCase().includes('json') || body.trimStart().startsWith('{')
    ? 'json'
    : 'form';
}
