import { HttpException } from '@nestjs/common';
import { DomainError } from './domain-error.js';
import { ERROR_CATALOG, type ErrorCode } from './error-codes.js';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

/** An RFC 9457 problem document, with the gateway's stable `code` and the `requestId`. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  requestId: string;
  instance?: string;
  [extension: string]: unknown;
}

export interface ProblemWithHeaders {
  problem: Problem;
  headers: Record<string, string>;
  /** True when the cause was unexpected: log it with the request id, show nothing of it. */
  unexpected: boolean;
}

export const problemType = (code: string): string => `urn:smm-gateway:problem:${code}`;

export function problemFor(code: ErrorCode, detail: string, requestId: string): Problem {
  const { status, title } = ERROR_CATALOG[code];
  return { type: problemType(code), title, status, detail, code, requestId };
}

const HTTP_STATUS_CODES: Record<number, ErrorCode> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  406: 'not_acceptable',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'unprocessable',
  429: 'rate_limited',
  503: 'service_unavailable',
};

/** Fastify's own errors (body parsing, limits) by their code. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'malformed_json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'malformed_json',
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'bad_request',
};

/** Turns anything thrown into a problem document that is safe to show. */
export function toProblem(error: unknown, requestId: string): ProblemWithHeaders {
  if (error instanceof DomainError) {
    return {
      problem: { ...problemFor(error.code, error.detail, requestId), ...error.extensions },
      headers: error.headers,
      unexpected: false,
    };
  }
  const fastifyCode = fastifyErrorCode(error) ?? fastifyErrorCode((error as Error | null)?.cause);
  if (fastifyCode && FASTIFY_CODES[fastifyCode]) {
    const code = FASTIFY_CODES[fastifyCode];
    return {
      problem: problemFor(code, (error as Error).message, requestId),
      headers: {},
      unexpected: false,
    };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const code = HTTP_STATUS_CODES[status];
    if (code) {
      return {
        problem: problemFor(code, httpDetail(error), requestId),
        headers: {},
        unexpected: false,
      };
    }
  }
  const status = clientErrorStatus(error);
  if (status && HTTP_STATUS_CODES[status]) {
    return {
      problem: problemFor(
        HTTP_STATUS_CODES[status],
        'The request could not be processed.',
        requestId,
      ),
      headers: {},
      unexpected: false,
    };
  }
  return {
    problem: problemFor(
      'internal_error',
      `An unexpected error occurred. Quote request id ${requestId} when reporting it.`,
      requestId,
    ),
    headers: {},
    unexpected: true,
  };
}

function httpDetail(error: HttpException): string {
  const body = error.getResponse();
  if (typeof body === 'string') return body;
  const message = (body as { message?: unknown }).message;
  if (typeof message === 'string') return message;
  if (Array.isArray(message)) return message.join('; ');
  return error.message;
}

function fastifyErrorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('FST_') ? code : undefined;
}

/** A 4xx status carried by a framework error (never trust 5xx: those are ours to hide). */
function clientErrorStatus(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}
