import { Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../auth/auth.decorators.js';
import { errorReplyConfig } from '../common/errors/route-error-reply.js';
import { wireErrorReply } from './wire-error-reply.js';
import { toWireJson } from './wire-json.js';
import { ApiV2Service } from './api-v2.service.js';
import { mergeParams, readTextBody } from './wire-params.js';

/**
 * The API v2 protocol at /api/v2 (docs/compat-api-v2.md): a form POST, a JSON POST or a GET with
 * a query string, never redirected. The key is checked by the facade (not the bearer guard), and
 * errors keep the protocol's format. Left out of the OpenAPI document: one endpoint whose answer's
 * shape depends on the `action` field, with errors as HTTP 200 bodies, is not a REST operation an
 * OpenAPI schema (or the SDK generated from it) could describe honestly.
 */
@Public()
@ApiExcludeController()
@Controller('api/v2')
export class ApiV2Controller {
  constructor(private readonly api: ApiV2Service) {}

  @Get()
  @RouteConfig(errorReplyConfig(wireErrorReply))
  get(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.serve(request, reply);
  }

  @Post()
  @HttpCode(200)
  @RouteConfig(errorReplyConfig(wireErrorReply))
  post(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.serve(request, reply);
  }

  private async serve(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const answer = await this.api.handle({
      params: mergeParams(request.query, readTextBody(request.body)),
      address: request.ip,
      requestId: String(request.id),
    });
    await reply
      .status(answer.status)
      .headers(answer.headers)
      .header('content-type', 'application/json; charset=utf-8')
      .send(toWireJson(answer.body));
  }
}
