import http from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import { TLSSocket } from 'node:tls';
import { isAxiosError, type AxiosInstance } from 'axios';
import type { AmbiguityCause, FailureCause } from './outcome.js';
import type { EncodedRequest } from './transport.js';

/** The result of one HTTP exchange: an answer, or why there was none and whether it was sent. */
export type Exchange =
  | { readonly kind: 'response'; readonly httpStatus: number; readonly body: string }
  | { readonly kind: 'not_sent'; readonly cause: FailureCause; readonly detail: string }
  | { readonly kind: 'no_answer'; readonly cause: AmbiguityCause; readonly detail: string };

export interface ExchangeLimits {
  /** The whole call, from the first byte of work to the last byte of the answer. */
  readonly timeoutMs: number;
  /** Until the connection is up (DNS, TCP, TLS); a call still connecting then was never sent. */
  readonly connectTimeoutMs: number;
  readonly maxResponseBytes: number;
}

/** How far a call got; set from socket events, read when it fails. */
interface Progress {
  connected: boolean;
  timedOut: 'connect' | 'response' | null;
}

/**
 * One HTTP exchange with no retries. The point of the bookkeeping is `add`: a call that fails
 * before its connection is up was certainly not processed (not_sent), while one that fails
 * afterwards may have been (no_answer). axios' own timeout cannot tell the two apart, so the
 * library keeps its own timers and watches the socket through a custom transport.
 */
export async function exchange(
  axios: AxiosInstance,
  request: EncodedRequest,
  limits: ExchangeLimits,
  agents: { readonly http: http.Agent; readonly https: https.Agent },
): Promise<Exchange> {
  const progress: Progress = { connected: false, timedOut: null };
  const controller = new AbortController();
  const stop = (phase: 'connect' | 'response') => {
    progress.timedOut ??= phase;
    controller.abort();
  };
  const connectTimer = setTimeout(
    () => {
      if (!progress.connected) stop('connect');
    },
    Math.min(limits.connectTimeoutMs, limits.timeoutMs),
  );
  const callTimer = setTimeout(
    () => stop(progress.connected ? 'response' : 'connect'),
    limits.timeoutMs,
  );
  const onConnected = () => {
    progress.connected = true;
    clearTimeout(connectTimer);
  };

  try {
    const response = await axios.request<string>({
      method: request.method,
      url: request.url,
      data: request.body,
      headers: request.contentType ? { 'Content-Type': request.contentType } : {},
      signal: controller.signal,
      transport: trackingTransport(onConnected),
      httpAgent: agents.http,
      httpsAgent: agents.https,
      maxContentLength: limits.maxResponseBytes,
    });
    return { kind: 'response', httpStatus: response.status, body: String(response.data ?? '') };
  } catch (error) {
    return classifyError(error, progress, limits);
  } finally {
    clearTimeout(connectTimer);
    clearTimeout(callTimer);
  }
}

/**
 * Node's http/https `request`, plus a callback once the connection is up: TCP connect, or TLS
 * secureConnect, or at once for a reused keep-alive socket. A socket we cannot read the state of
 * (a proxy agent's stream) counts as connected: when in doubt, assume the request went out.
 */
function trackingTransport(onConnected: () => void) {
  return {
    request(options: http.RequestOptions, callback: (res: http.IncomingMessage) => void) {
      const module = options.protocol === 'https:' ? https : http;
      const req = module.request(options, callback);
      req.once('socket', (socket: Socket) => {
        if (req.reusedSocket || typeof socket.pending !== 'boolean') return onConnected();
        // `pending` stays true until connected, and also after a failed attempt (a lookup that
        // fails synchronously has already ended `connecting` by now).
        if (socket instanceof TLSSocket) socket.once('secureConnect', onConnected);
        else if (socket.pending) socket.once('connect', onConnected);
        else onConnected();
      });
      return req;
    },
  };
}

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME', 'EAI_NODATA']);
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'ERR_STREAM_PREMATURE_CLOSE']);

function classifyError(error: unknown, progress: Progress, limits: ExchangeLimits): Exchange {
  const code = errorCode(error);
  const detail = errorDetail(error, code);
  if (progress.timedOut === 'connect') {
    const ms = Math.min(limits.connectTimeoutMs, limits.timeoutMs);
    return { kind: 'not_sent', cause: 'connect_timeout', detail: `not connected within ${ms} ms` };
  }
  if (progress.timedOut === 'response') {
    const detail = `no complete answer within ${limits.timeoutMs} ms`;
    return { kind: 'no_answer', cause: 'response_timeout', detail };
  }
  if (!progress.connected) return { kind: 'not_sent', cause: failureCause(code), detail };
  if (/maxContentLength/.test(detail)) {
    return { kind: 'no_answer', cause: 'response_too_large', detail };
  }
  if ((code && RESET_CODES.has(code)) || /socket hang up|aborted/i.test(detail)) {
    return { kind: 'no_answer', cause: 'connection_reset', detail };
  }
  return { kind: 'no_answer', cause: 'network', detail };
}

/** Why a call never got connected, from the error code. */
function failureCause(code: string | undefined): FailureCause {
  if (code === undefined) return 'network';
  if (code === 'ECONNREFUSED') return 'connection_refused';
  if (DNS_CODES.has(code)) return 'dns';
  if (/^(ERR_TLS|ERR_SSL|CERT_|UNABLE_TO|DEPTH_ZERO|SELF_SIGNED|EPROTO)/.test(code)) return 'tls';
  if (code === 'ERR_INVALID_URL' || code === 'ERR_BAD_OPTION_VALUE') return 'invalid_request';
  return 'network';
}

function errorCode(error: unknown): string | undefined {
  const candidates = [error, isAxiosError(error) ? error.cause : undefined];
  for (const candidate of candidates) {
    const code = (candidate as { code?: unknown } | undefined)?.code;
    if (typeof code === 'string' && code !== 'ERR_CANCELED') return code;
  }
  return undefined;
}

/** A short description without URLs or configs (they may carry the key). */
function errorDetail(error: unknown, code: string | undefined): string {
  const message = error instanceof Error ? error.message : String(error);
  return code && !message.includes(code) ? `${code}: ${message}` : message;
}
