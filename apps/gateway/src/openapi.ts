import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, getSchemaPath, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { BEARER_SCHEME } from './auth/auth.decorators.js';
import { ProblemDto } from './common/http/problem.dto.js';
import { withApiV2 } from './compat/api-v2-document.js';
import { applyDocumentConventions } from './openapi-conventions.js';

export const OPENAPI_UI_PATH = 'docs';
export const OPENAPI_JSON_PATH = 'docs-json';

/**
 * The OpenAPI document: operationIds are the handler names (verb-first, unique). Served at
 * /docs-json and checked in as openapi/openapi.json (`npm run openapi`), the source of libs/sdk.
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('smm-gateway')
    .setDescription(
      'One REST API in front of several SMM panels (API v2): cheapest-rate routing, safe failover, ' +
        'exact wallets. Errors are RFC 9457 application/problem+json with a stable `code`.',
    )
    .setVersion('1')
    .addServer('/', 'The gateway serving this document')
    // Partner tags first (what a partner integrates), then operators' `admin: …` tags.
    .addTag('services', 'The price list: services a partner can order now, at its prices')
    .addTag('orders', 'Place orders, follow them, refill and cancel them (one or up to 100)')
    .addTag('wallet', "The calling partner's balance and ledger")
    .addTag('reports', "The calling partner's spend, JSON or CSV")
    .addTag('webhooks', 'Your webhook endpoints: order, refill and low-balance events, signed')
    .addTag('auth', 'Who the calling token is and what it may do')
    .addTag('health', 'Liveness and readiness probes (no token)')
    .addTag('admin: providers', 'Upstream panels: keys, balances, catalog sync, health ejection')
    .addTag(
      'admin: services',
      'Our services, their mapping onto upstream offers, routing explained',
    )
    .addTag('admin: catalog', 'The whole mapping as one document; suggestions from unmapped offers')
    .addTag('admin: currencies', 'Conversion rates to the base currency')
    .addTag('admin: partners', 'Partners: markup, currency, limits, suspension')
    .addTag('admin: tokens', 'Tokens issued to partners and operators: issue, rotate, revoke')
    .addTag('admin: wallets', "Credits, debits and the ledger of a partner's wallet")
    .addTag('admin: orders', 'Every order with its upstream and attempts; reconciliation')
    .addTag('admin: reports', 'Margin, routing savings, upstream spend (JSON or CSV)')
    .addTag('admin: audit', 'Who did what, when')
    .addTag(
      'admin: webhooks',
      "The operator's webhook endpoints: provider, order and catalog events",
    )
    .addBearerAuth(
      { type: 'http', scheme: 'bearer', description: 'A token issued by the operator' },
      BEARER_SCHEME,
    )
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    operationIdFactory: (_controllerKey, methodKey) => methodKey,
    extraModels: [ProblemDto],
  });
  return withApiV2(applyDocumentConventions(document, { $ref: getSchemaPath(ProblemDto) }));
}

export function setupOpenApi(app: INestApplication): OpenAPIObject {
  const document = buildOpenApiDocument(app);
  SwaggerModule.setup(OPENAPI_UI_PATH, app, document, {
    jsonDocumentUrl: OPENAPI_JSON_PATH,
    swaggerOptions: { persistAuthorization: true },
  });
  return document;
}
