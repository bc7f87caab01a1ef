import {
  Catch,
  HttpException,
  Logger,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RouteErrorReply } from '../common/errors/route-error-reply.js';
import { internalError, WIRE_ERRORS } from './wire-errors.js';

/**
 * An error on /api/v2 the facade did not answer itself, as the protocol answers errors: HTTP 200
 * `{"error": ...}`, never a problem document. A request the framework refused (a body that does
 * not parse, too large, an unsupported content type) is `Incorrect request`; anything else is an
 * internal error the caller can quote by request id. Also the route's renderer for errors raised
 * before its handler (see common/errors/route-error-reply.ts).
 */
export function wireErrorReply(exception: unknown, requestId: string): RouteErrorReply {
  return {
    status: 200,
    body: {
      error: isRequestError(exception) ? WIRE_ERRORS.incorrectRequest : internalError(requestId),
    },
  };
}

/** The controller's filter: what escapes its handler chain leaves in the protocol's format. */
@Catch()
export class ApiV2ExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('ApiV2');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const requestId = String(request.id);
    if (!isRequestError(exception)) {
      this.logger.error({ err: exception, requestId }, 'API v2 call failed');
    }
    if (reply.sent) return;
    const { status, body } = wireErrorReply(exception, requestId);
    reply.status(status).header('content-type', 'application/json; charset=utf-8').send(body);
  }
}

/** A client error the framework raised (4xx): the request, not the gateway, is at fault. */
function isRequestError(exception: unknown): boolean {
  if (exception instanceof HttpException) return exception.getStatus() < 500;
  const status = (exception as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500;
}
