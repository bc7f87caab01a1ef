import { Body, Delete, Get, Header, Patch, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiNoContentResponse } from '@nestjs/swagger';
import { AdminController } from '../common/http/admin-route.js';
import { Endpoint } from '../common/http/endpoint.js';
import { ApiIdParam, IdParam } from '../common/http/id-param.js';
import { mapPage } from '../common/http/cursor.js';
import { PageQueryDto } from '../common/http/page-query.dto.js';
import {
  CreateOperatorWebhookDto,
  toEndpointDto,
  UpdateOperatorWebhookDto,
  WebhookEndpointDto,
  WebhookEndpointWithSecretDto,
} from './dto/webhook-endpoint.dto.js';
import {
  toDeliveryDto,
  WebhookDeliveryDto,
  WebhookDeliveryPageDto,
} from './dto/webhook-delivery.dto.js';
import { WebhookTestDto } from './dto/webhook-test.dto.js';
import { WebhookEndpointsService } from './endpoints/webhook-endpoints.service.js';
import { TEST_EVENT } from './webhook-types.js';

/** The operator's endpoints belong to no partner. */
const OPERATOR = null;

/** The operator's webhook endpoints: provider, order and catalog events. */
@AdminController('admin: webhooks', 'webhooks')
export class AdminWebhooksController {
  constructor(private readonly endpoints: WebhookEndpointsService) {}

  @Post()
  @Header('Cache-Control', 'no-store')
  @Endpoint({
    summary: 'Register a webhook endpoint (its signing secret is shown once)',
    status: 201,
    type: WebhookEndpointWithSecretDto,
    errors: {
      webhook_target_refused:
        'the URL is not https, or resolves to a loopback, private or metadata address',
      webhook_limit_reached: 'the operator has 20 endpoints already',
    },
  })
  async createOperatorWebhook(
    @Body() body: CreateOperatorWebhookDto,
  ): Promise<WebhookEndpointWithSecretDto> {
    const { endpoint, secret } = await this.endpoints.create(OPERATOR, body);
    return { ...toEndpointDto(endpoint), secret };
  }

  @Get()
  @Endpoint({ summary: "List the operator's webhook endpoints", type: [WebhookEndpointDto] })
  async listOperatorWebhooks(): Promise<WebhookEndpointDto[]> {
    return (await this.endpoints.list(OPERATOR)).map(toEndpointDto);
  }

  @Get(':id')
  @ApiIdParam('id', 'Webhook endpoint id')
  @Endpoint({
    summary: 'Get a webhook endpoint',
    type: WebhookEndpointDto,
    errors: { not_found: 'no such operator endpoint' },
  })
  async getOperatorWebhook(@IdParam('id') id: number): Promise<WebhookEndpointDto> {
    return toEndpointDto(await this.endpoints.get(OPERATOR, id));
  }

  @Patch(':id')
  @ApiIdParam('id', 'Webhook endpoint id')
  @Endpoint({
    summary: 'Change a webhook endpoint (URL, events, description, enabled, priceChangePercent)',
    type: WebhookEndpointDto,
    errors: {
      not_found: 'no such operator endpoint',
      webhook_target_refused: 'the new URL is refused',
    },
  })
  async updateOperatorWebhook(
    @IdParam('id') id: number,
    @Body() body: UpdateOperatorWebhookDto,
  ): Promise<WebhookEndpointDto> {
    return toEndpointDto(await this.endpoints.update(OPERATOR, id, body));
  }

  @Delete(':id')
  @ApiIdParam('id', 'Webhook endpoint id')
  @Endpoint({
    summary: 'Delete a webhook endpoint',
    status: 204,
    errors: { not_found: 'no such operator endpoint' },
  })
  @ApiNoContentResponse({ description: 'Deleted' }) // literal, for the plugin
  deleteOperatorWebhook(@IdParam('id') id: number): Promise<void> {
    return this.endpoints.delete(OPERATOR, id);
  }

  @Post(':id/rotate-secret')
  @Header('Cache-Control', 'no-store')
  @ApiIdParam('id', 'Webhook endpoint id')
  @Endpoint({
    summary: 'Rotate the signing secret (the old one signs alongside for 24 h)',
    status: 201,
    type: WebhookEndpointWithSecretDto,
    errors: { not_found: 'no such operator endpoint' },
  })
  async rotateOperatorWebhookSecret(
    @IdParam('id') id: number,
  ): Promise<WebhookEndpointWithSecretDto> {
    const { endpoint, secret } = await this.endpoints.rotateSecret(OPERATOR, id);
    return { ...toEndpointDto(endpoint), secret };
  }

  @Post(':id/test')
  @ApiIdParam('id', 'Webhook endpoint id')
  @Endpoint({
    summary: 'Send a webhook.test event to this endpoint',
    status: 202,
    type: WebhookTestDto,
    errors: { not_found: 'no such operator endpoint' },
  })
  @ApiAcceptedResponse({ type: WebhookTestDto }) // literal, for the plugin
  async sendOperatorWebhookTest(@IdParam('id') id: number): Promise<WebhookTestDto> {
    const { webhookId } = await this.endpoints.sendTest(OPERATOR, id);
    return { webhookId, event: TEST_EVENT };
  }

  @Get(':id/deliveries')
  @ApiIdParam('id', 'Webhook endpoint id')
  @Endpoint({
    summary: "An endpoint's deliveries, newest first",
    type: WebhookDeliveryPageDto,
    errors: {
      not_found: 'no such operator endpoint',
      invalid_cursor: 'the cursor is not one this API returned',
    },
  })
  async listOperatorWebhookDeliveries(
    @IdParam('id') id: number,
    @Query() query: PageQueryDto,
  ): Promise<WebhookDeliveryPageDto> {
    return mapPage(await this.endpoints.deliveries(OPERATOR, id, query), toDeliveryDto);
  }

  @Post(':id/deliveries/:deliveryId/redeliver')
  @ApiIdParam('id', 'Webhook endpoint id')
  @ApiIdParam('deliveryId', 'Delivery id')
  @Endpoint({
    summary: 'Send a delivery again (same webhook-id)',
    status: 202,
    type: WebhookDeliveryDto,
    errors: { not_found: 'no such operator endpoint or delivery' },
  })
  @ApiAcceptedResponse({ type: WebhookDeliveryDto }) // literal, for the plugin
  async redeliverOperatorWebhookDelivery(
    @IdParam('id') id: number,
    @IdParam('deliveryId') deliveryId: number,
  ): Promise<WebhookDeliveryDto> {
    return toDeliveryDto(await this.endpoints.redeliver(OPERATOR, id, deliveryId));
  }
}
