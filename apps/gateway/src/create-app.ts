import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule, type AppOptions } from './app.module.js';
import { REQUEST_ID_HEADER, requestIdFor } from './common/http/request-id.js';
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
