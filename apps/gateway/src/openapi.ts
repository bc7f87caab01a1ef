import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, getSchemaPath, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { BEARER_SCHEME } from './auth/auth.decorators.js';
import { ProblemDto } from './common/http/problem.dto.js';
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
    .addBearerAuth(
      { type: 'http', scheme: 'bearer', description: 'A token issued by the operator' },
      BEARER_SCHEME,
    )
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    operationIdFactory: (_controllerKey, methodKey) => methodKey,
    extraModels: [ProblemDto],
  });
  return applyDocumentConventions(document, { $ref: getSchemaPath(ProblemDto) });
}

export function setupOpenApi(app: INestApplication): OpenAPIObject {
  const document = buildOpenApiDocument(app);
  SwaggerModule.setup(OPENAPI_UI_PATH, app, document, {
    jsonDocumentUrl: OPENAPI_JSON_PATH,
    swaggerOptions: { persistAuthorization: true },
  });
  return document;
}
