import {
  Catch,
  HttpException,
  Logger,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { redactUrl } from '../../logging/redaction.js';
import { RouteIndex } from '../http/route-index.js';
import { problemFor, toProblem, PROBLEM_CONTENT_TYPE, type ProblemWithHeaders } from './problem.js';
import { routeErrorRenderer } from './route-error-reply.js';

/**
 * The one place errors become HTTP responses: everything (domain errors, validation, framework
 * errors, unknown routes, crashes) leaves as application/problem+json with a stable code, except
 * on a route that declares its own error format (route-error-reply.ts): it gets that.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  constructor(private readonly routes: RouteIndex) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const requestId = String(request.id);
    const result = this.isUnknownRoute(exception)
      ? this.unknownRoute(request, requestId)
      : toProblem(exception, requestId);
    if (result.unexpected) {
      this.logger.error(
        { err: exception, requestId, method: request.method, url: redactUrl(request.url) },
        'Unhandled error',
      );
    }
    if (reply.sent) return;
    const ownFormat = routeErrorRenderer(request);
    if (ownFormat) {
      const own = ownFormat(exception, requestId);
      reply
        .status(own.status)
        .headers(own.headers ?? {})
        .header('content-type', 'application/json; charset=utf-8')
        .send(JSON.stringify(own.body));
      return;
    }
    reply
      .status(result.problem.status)
      .headers(result.headers)
      .header('content-type', PROBLEM_CONTENT_TYPE)
      .send(JSON.stringify({ ...result.problem, instance: request.url.split('?')[0] }));
  }

  /** Nest answers unmatched routes with a bare NotFoundException; domain code never throws one. */
  private isUnknownRoute(exception: unknown): boolean {
    return exception instanceof HttpException && exception.getStatus() === 404 && !exception.cause;
  }

  private unknownRoute(request: FastifyRequest, requestId: string): ProblemWithHeaders {
    const allowed = this.routes.allowedMethods(request.url);
    // A route that takes this method but found nothing (a wildcard such as /docs/*) is a 404:
    // 405 only when the path is served under other methods and never under this one.
    if (allowed.length > 0 && !allowed.includes(request.method)) {
      return {
        problem: problemFor(
          'method_not_allowed',
          `${request.method} is not allowed on this path; use ${allowed.join(', ')}.`,
          requestId,
        ),
        headers: { allow: allowed.join(', ') },
        unexpected: false,
      };
    }
    return {
      problem: problemFor(
        'route_not_found',
        `No route matches ${request.method} ${request.url.split('?')[0]}.`,
        requestId,
      ),
      headers: {},
      unexpected: false,
    };
  }
}
