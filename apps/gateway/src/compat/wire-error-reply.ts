import { HttpException } from '@nestjs/common';
import type { RouteErrorReply } from '../common/errors/route-error-reply.js';
import { internalError, WIRE_ERRORS } from './wire-errors.js';

/**
 * An error on /api/v2 the facade did not answer itself, as the protocol answers errors: HTTP 200
 * `{"error": ...}`, never a problem document. A request the framework refused (a body that does
 * not parse, too large, an unsupported content type) is `Incorrect request`; anything else is an
 * internal error the caller can quote by request id. The facade's routes declare it as their
 * renderer (common/errors/route-error-reply.ts): the one global ProblemFilter hands it every
 * error that escapes them, raised before the handler or in it.
 */
export function wireErrorReply(exception: unknown, requestId: string): RouteErrorReply {
  return {
    status: 200,
    body: {
      error: isRequestError(exception) ? WIRE_ERRORS.incorrectRequest : internalError(requestId),
    },
  };
}

/** A client error the framework raised (4xx): the request, not the gateway, is at fault. */
function isRequestError(exception: unknown): boolean {
  if (exception instanceof HttpException) return exception.getStatus() < 500;
  const status = (exception as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500;
}
