import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';

/** No attempt takes longer than this, connection included. */
export const ATTEMPT_TIMEOUT_MS = 10_000;
/** At most this much of a receiver's answer is read (kept for the delivery log, then dropped). */
export const MAX_RESPONSE_BYTES = 16 * 1024;

export interface SendRequest {
  readonly url: URL;
  /** The address the target guard approved: the connection goes there and nowhere else. */
  readonly address: string;
  readonly headers: Record<string, string>;
  readonly body: string;
}

export interface SendResult {
  readonly statusCode: number | null;
  readonly durationMs: number;
  /** Why the attempt failed (null for a 2xx); never contains the request's headers. */
  readonly error: string | null;
}

// As many sockets as attempts may be in flight (webhook-dispatcher.ts): an attempt's timeout never
// runs while it waits for a socket.
const httpAgent = new HttpAgent({ keepAlive: true, maxSockets: 256 });
const httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets: 256 });

/**
 * POSTs one signed event: to the approved address only (a pinned lookup, so a host name that
 * rebinds between the check and the connection cannot redirect it), redirects not followed (a
 * 3xx is a failure), the answer read up to a cap, the whole attempt bounded by a timeout.
 */
export function sendWebhook(request: SendRequest): Promise<SendResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const https = request.url.protocol === 'https:';
  const family = isIP(request.address) === 6 ? 6 : 4;
  const lookup: LookupFunction = (_host, options, callback) => {
    if ((options as { all?: boolean }).all) {
      (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [
        { address: request.address, family },
      ]);
    } else callback(null, request.address, family);
  };
  return new Promise<SendResult>((resolve) => {
    let settled = false;
    const done = (statusCode: number | null, error: string | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ statusCode, durationMs: elapsed(), error });
    };
    const req = (https ? httpsRequest : httpRequest)(
      request.url,
      {
        method: 'POST',
        agent: https ? httpsAgent : httpAgent,
        lookup,
        headers: {
          ...request.headers,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(request.body),
          'user-agent': 'smm-gateway-webhooks/1',
        },
      },
      (res: IncomingMessage) => {
        const code = res.statusCode ?? 0;
        let read = 0;
        res.on('data', (chunk: Buffer) => {
          read += chunk.length;
          if (read > MAX_RESPONSE_BYTES) res.destroy();
        });
        const finish = () =>
          done(code, code >= 200 && code < 300 ? null : `the receiver answered ${code}`);
        res.on('end', finish);
        res.on('close', finish);
        res.on('error', finish);
      },
    );
    const timer = setTimeout(() => {
      req.destroy();
      done(null, `no answer within ${ATTEMPT_TIMEOUT_MS / 1000} s`);
    }, ATTEMPT_TIMEOUT_MS);
    req.on('error', (error: NodeJS.ErrnoException) =>
      done(null, `request failed: ${error.code ?? error.message}`),
    );
    req.end(request.body);
  });
}
