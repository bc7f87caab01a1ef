import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Counter, Histogram } from 'prom-client';
import type { GatewayLogger } from '../logging/gateway-logger.js';
import { redactUrl } from '../logging/redaction.js';
import { requestContext, type RequestContext } from '../logging/request-context.js';
import type { Metrics } from './metrics.js';

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
/** Label for requests no route matched (404/405): never the raw path, which is unbounded. */
const UNMATCHED = '(unmatched)';
const CONTEXT = Symbol('requestContext');

type WithContext = FastifyRequest & { [CONTEXT]?: RequestContext };

/**
 * Per-request observability as Fastify hooks: the request context every log line written while
 * serving the request carries (AsyncLocalStorage, re-entered before the handler because body
 * parsing may lose it), then one access-log line and the HTTP metrics when the response is sent.
 * Label children are cached per (method, route, status), so a request costs two map lookups.
 */
export function installRequestHooks(
  fastify: FastifyInstance,
  logger: GatewayLogger,
  metrics: Metrics,
): void {
  const counters = new Map<string, ReturnType<Counter<string>['labels']>>();
  const timers = new Map<string, ReturnType<Histogram<string>['labels']>>();
  const log = logger.pino;

  fastify.addHook('onRequest', (request: WithContext, _reply, done) => {
    const context: RequestContext = { requestId: String(request.id) };
    request[CONTEXT] = context;
    requestContext.run(context, done);
  });
  fastify.addHook('preHandler', (request: WithContext, _reply, done) => {
    const context = request[CONTEXT];
    if (context && requestContext.getStore() !== context) requestContext.run(context, done);
    else done();
  });
  fastify.addHook('onResponse', (request: WithContext, reply: FastifyReply, done) => {
    const method = METHODS.has(request.method) ? request.method : 'OTHER';
    const route = request.routeOptions.url ?? UNMATCHED;
    const status = String(reply.statusCode);
    const seconds = reply.elapsedTime / 1000;
    const key = `${method} ${route} ${status}`;
    let counter = counters.get(key);
    if (!counter) counters.set(key, (counter = metrics.httpRequests.labels(method, route, status)));
    counter.inc();
    const timerKey = `${method} ${route}`;
    let timer = timers.get(timerKey);
    if (!timer) timers.set(timerKey, (timer = metrics.httpDuration.labels(method, route)));
    timer.observe(seconds);

    if (log.isLevelEnabled('info')) {
      const context = request[CONTEXT];
      const length = reply.getHeader('content-length');
      // Written outside the request's async context: the ids are passed explicitly.
      log.info(
        {
          requestId: String(request.id),
          ...(context?.partnerId != null ? { partnerId: context.partnerId } : {}),
          ...(context?.tokenId != null ? { tokenId: context.tokenId } : {}),
          method: request.method,
          route,
          url: redactUrl(request.url),
          status: reply.statusCode,
          durationMs: Math.round(reply.elapsedTime * 10) / 10,
          bytes: length === undefined ? 0 : Number(length),
        },
        'request completed',
      );
    }
    done();
  });
}
