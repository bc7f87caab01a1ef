import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import type { AppConfig } from '../../config/app-config.js';
import { PROBLEM_CONTENT_TYPE, problemFor } from '../errors/problem.js';
import type { ErrorCode } from '../errors/error-codes.js';

/** Descriptors kept back for what the gateway opens itself: upstream calls, the database, files. */
const RESERVED_DESCRIPTORS = 256;
const FALLBACK_MAX_CONNECTIONS = 1_000;

/**
 * Fastify options that bound slow and idle clients: a whole request within `requestTimeoutMs`
 * (408 after it), its headers within `headersTimeoutMs`, idle keep-alive connections closed after
 * `keepAliveTimeoutMs`. Timeouts are checked every second (Node's default is every 30 s).
 */
export function serverOptions(http: AppConfig['http']) {
  return {
    // Long path parameters reach the handlers (a 404 for an id, a 400 for a code) instead of
    // Fastify's own 414; the request line is bounded by the 16 KB header limit anyway.
    routerOptions: { maxParamLength: 16_384 },
    requestTimeout: http.requestTimeoutMs,
    keepAliveTimeout: http.keepAliveTimeoutMs,
    http: {
      headersTimeout: http.headersTimeoutMs,
      connectionsCheckingInterval: Math.min(1_000, http.headersTimeoutMs),
    },
    clientErrorHandler: answerClientError,
  };
}

/** Caps inbound connections; further ones are closed at once, before any byte is read. */
export function capConnections(server: Server, http: AppConfig['http']): number {
  const cap = http.maxConnections ?? defaultMaxConnections();
  server.maxConnections = cap;
  return cap;
}

/**
 * Half of what the process may open beyond the reserve, so inbound sockets can never starve the
 * gateway's own outgoing calls of descriptors. Read from /proc on Linux; a fixed value elsewhere.
 */
export function defaultMaxConnections(limits = readLimits()): number {
  const soft = /^Max open files\s+(\d+)/m.exec(limits ?? '')?.[1];
  if (!soft) return FALLBACK_MAX_CONNECTIONS;
  return Math.max(16, Math.floor((Number(soft) - RESERVED_DESCRIPTORS) / 2));
}

function readLimits(): string | null {
  try {
    return readFileSync('/proc/self/limits', 'utf8');
  } catch {
    return null;
  }
}

/** What Node's HTTP server reports on 'clientError' (rawPacket: the bytes it could not parse). */
interface ClientError extends Error {
  code?: string;
  rawPacket?: unknown;
}

const CLIENT_ERRORS: Record<string, { code: ErrorCode; detail: string }> = {
  ERR_HTTP_REQUEST_TIMEOUT: {
    code: 'request_timeout',
    detail: 'The request was not received in time.',
  },
  HPE_HEADER_OVERFLOW: {
    code: 'headers_too_large',
    detail: 'The request line and headers are larger than the server accepts (16 KB).',
  },
};

/**
 * Errors Node's HTTP parser raises before a route runs (a request that took too long, headers
 * or a URL over the size limit, unparseable HTTP), answered in the documented format: API v2
 * clients get a panel's `{"error": "Incorrect request"}`, everyone else problem+json.
 */
function answerClientError(error: ClientError, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  if (socket.writable) {
    const known = CLIENT_ERRORS[error.code ?? ''] ?? {
      code: 'bad_request' as const,
      detail: 'The request is not valid HTTP.',
    };
    const problem = problemFor(known.code, known.detail, randomUUID());
    const v2 = /^\/api\/v2(?:[/?]|$)/.test(requestPath(error, socket) ?? '');
    const [status, type, body] = v2
      ? [200, 'application/json', JSON.stringify({ error: 'Incorrect request' })]
      : [problem.status, PROBLEM_CONTENT_TYPE, JSON.stringify(problem)];
    socket.write(
      `HTTP/1.1 ${status} ${status === 200 ? 'OK' : problem.title}\r\nConnection: close\r\n` +
        `Content-Type: ${type}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}

/** The path of the request that failed, when Node got that far (never read beyond it). */
function requestPath(error: ClientError, socket: Socket): string | undefined {
  const incoming = (socket as Socket & { parser?: { incoming?: { url?: string } } }).parser
    ?.incoming;
  if (incoming?.url) return incoming.url;
  const raw = error.rawPacket;
  const line = Buffer.isBuffer(raw) ? raw.subarray(0, 64).toString('latin1') : '';
  return /^[A-Z]+ (\S+)/.exec(line)?.[1];
}
