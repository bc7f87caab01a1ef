import { NestFactory } from '@nestjs/core';
import { errorCodes } from 'fastify';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule, type AppOptions } from './app.module.js';
import { REQUEST_ID_HEADER, requestIdFor } from './common/http/request-id.js';
import { parseMultipartFields } from './compat/multipart.js';
import { RouteIndex } from './common/http/route-index.js';
import { capConnections, serverOptions } from './common/http/server-limits.js';
import type { AppConfig } from './config/app-config.js';
import { createRootLogger, GatewayLogger } from './logging/gateway-logger.js';
import { Metrics } from './observability/metrics.js';
import { installRequestHooks } from './observability/request-hooks.js';
import { setupOpenApi } from './openapi.js';

/**
 * Builds the gateway exactly as it runs in production: main.ts and the e2e tests both call this,
 * so tests exercise the real adapter, pipe, filter, guard, logger and OpenAPI setup.
 */
export async function createGatewayApp(
  config: AppConfig,
  options: AppOptions = {},
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: config.http.bodyLimitBytes,
    trustProxy: config.http.trustProxy,
    genReqId: requestIdFor,
    logger: false,
    ...serverOptions(config.http),
    rewriteUrl: apiV2TrailingSlash,
  });
  const logger =
    options.logger ?? new GatewayLogger(createRootLogger(config.log, options.logDestination));
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config, { ...options, logger }),
    adapter,
    // Our logger from the first line (no coloured console output before it); errors reach the
    // caller (main.ts maps them to exit codes) instead of Nest exiting on its own.
    { logger, abortOnError: false },
  );
  app.enableShutdownHooks();
  capConnections(app.getHttpServer(), config.http);

  const fastify = app.getHttpAdapter().getInstance();
  const routes = app.get(RouteIndex);
  fastify.addHook('onRoute', (route) => routes.add(route.method, route.url));
  fastify.addContentTypeParser('*', { parseAs: 'string' }, apiV2UnlabelledBody);
  fastify.addContentTypeParser('multipart/form-data', { parseAs: 'buffer' }, apiV2Multipart);
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.header(REQUEST_ID_HEADER, request.id);
    done();
  });

  installRequestHooks(fastify, logger, app.get(Metrics));

  setupOpenApi(app);
  await app.init();
  await fastify.ready();
  return app;
}

/**
 * A body without Content-Type reaches /api/v2 as text (read there as a form or a JSON object, as a
 * panel reads it); anywhere else, and for any unknown type, Fastify's own 415 error as before.
 */
function apiV2UnlabelledBody(
  request: { url: string; headers: Record<string, unknown> },
  body: string | Buffer,
  done: (err: Error | null, body?: unknown) => void,
): void {
  const path = request.url.split('?')[0];
  if (path === '/api/v2' && request.headers['content-type'] === undefined) done(null, body);
  else done(new errorCodes.FST_ERR_CTP_INVALID_MEDIA_TYPE(request.headers['content-type']));
}

/**
 * A multipart form (PHP curl with an array as CURLOPT_POSTFIELDS) is read on /api/v2 as the form
 * it is; malformed multipart is null there (Incorrect request). Anywhere else, 415 as before.
 */
function apiV2Multipart(
  request: { url: string; headers: Record<string, unknown> },
  body: string | Buffer,
  done: (err: Error | null, body?: unknown) => void,
): void {
  const path = request.url.split('?')[0];
  const type = String(request.headers['content-type']);
  if (path !== '/api/v2') {
    done(new errorCodes.FST_ERR_CTP_INVALID_MEDIA_TYPE(type));
    return;
  }
  const fields = parseMultipartFields(Buffer.isBuffer(body) ? body : Buffer.from(body), type);
  done(null, fields ?? false); // not an object of fields: Incorrect request
}

/**
 * `/api/v2/` is `/api/v2`, as on a panel (a Node SDK always appends `/`). Only that path is
 * rewritten: REST routes keep their exact paths.
 */
function apiV2TrailingSlash(request: { url?: string }): string {
  const url = request.url ?? '/';
  return url === '/api/v2/' || url.startsWith('/api/v2/?') ? `/api/v2${url.slice(8)}` : url;
}
