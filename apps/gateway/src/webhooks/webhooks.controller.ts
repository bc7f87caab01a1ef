import { Body, Controller, Delete, Get, Header, Patch, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiNoContentResponse, ApiTags } from '@nestjs/swagger';
import { Endpoint, type EndpointOptions } from '../common/http/endpoint.js';
import { ApiIdParam, IdParam } from '../common/http/id-param.js';
import { mapPage } from '../common/http/cursor.js';
import { PageQueryDto } from '../common/http/page-query.dto.js';
import { CurrentPartnerId } from '../partners/partner-isolation.js';
import {
  CreateWebhookDto,
  toEndpointDto,
  UpdateWebhookDto,
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

const auth: EndpointOptions['auth'] = { partner: 'webhooks:write' };

/** A partner's webhook endpoints: only its own (another partner's answers 404). */
@ApiTags('webhooks')
@Controller('v1/webhooks')
export class WebhooksController {
  constructor(private readonly endpoints: WebhookEndpointsService) {}

  @Post()
  @Header('Cache-Control', 'no-store')
  @Endpoint({
    summary: 'Register a webhook endpoint (its signing secret is shown once)',
    status: 201,
    type: WebhookEndpointWithSecretDto,
    auth,
    errors: {
      webhook_target_refused:
        'the URL is not https, or resolves to a loopback, private or metadata address',
      webhook_limit_reached: 'the partner has 20 endpoints already',
    },
  })
  async createWebhook(
    @CurrentPartnerId() partnerId: number,
    @Body() body: CreateWebhookDto,
  ): Promise<WebhookEndpointWithSecretDto> {
    const { endpoint, secret } = await this.endpoints.create(partnerId, body);
    return { ...toEndpointDto(endpoint), secret };
  }

  @Get()
  @Endpoint({ summary: 'List your webhook endpoints', type: [WebhookEndpointDto], auth })
  async listWebhooks(@CurrentPartnerId() partnerId: number): Promise<WebhookEndpointDto[]> {
    return (await this.endpoints.list(partnerId)).map(toEndpointDto);
  }

  @Get(':id')
  @ApiIdParam('id', 'Webhook endpoint id')
  @Endpoint({
    summary: 'Get a webhook endpoint',
    type: WebhookEndpointDto,
    auth,
    errors: { not_found: 'no such endpoint of yours' },
  })
  async getWebhook(
    @CurrentPartnerId() partnerId: number,
    @IdParam('id') id: number,
  ): Promise<WebhookEndpointDto> {
    return toEndpointDto(await this.endpoints.get(partnerId, id));
  }

  @Patch(':id')
  @ApiIdParam('id', 'Webhook endpoint id')
  @Endpoint({
    summary: 'Change a webhook endpoint (URL, events, description, enabled)',
    type: WebhookEndpointDto,
    auth,
    errors: {
      not_found: 'no such endpoint of yours',
      webhook_target_refused: 'the new URL is refused',
    },
  })
  async updateWebhook(
    @CurrentPartnerId() partnerId: number,
    @IdParam('id') id: number,
    @Body() body: UpdateWebhookDto,
  ): Promise<WebhookEndpointDto> {
    return toEndpointDto(await this.endpoints.update(partnerId, id, body));
  }

  @Delete(':id')
  @ApiIdParam('id', 'Webhook endpoint id')
  @Endpoint({
    summary: 'Delete a webhook endpoint',
    status: 204,
    auth,
    errors: { not_found: 'no such endpoint of yours' },
  })
  @ApiNoContentResponse({ description: 'Deleted' }) // literal, for the plugin
  deleteWebhook(@CurrentPartnerId() partnerId: number, @IdParam('id') id: number): Promise<void> {
    return this.endpoints.delete(partnerId, id);
  }

  @Post(':id/rotate-secret')
  @Header('Cache-Control', 'no-store')
  @ApiIdParam('id', 'Webhook endpoint id')
  @Endpoint({
    summary: 'Rotate the signing secret (the old one signs alongside for 24 h)',
    status: 201,
    type: WebhookEndpointWithSecretDto,
    auth,
    errors: { not_found: 'no such endpoint of yours' },
  })
  async rotateWebhookSecret(
    @CurrentPartnerId() partnerId: number,
    @IdParam('id') id: number,
  ): Promise<WebhookEndpointWithSecretDto> {
    const { endpoint, secret } = await this.endpoints.rotateSecret(partnerId, id);
    return { ...toEndpointDto(endpoint), secret };
  }

  @Post(':id/test')
  @ApiIdParam('id', 'Webhook endpoint id')
  @Endpoint({
    summary: 'Send a webhook.test event to this endpoint',
    status: 202,
    type: WebhookTestDto,
    auth,
    errors: { not_found: 'no such endpoint of yours' },
  })
  @ApiAcceptedResponse({ type: WebhookTestDto }) // literal, for the plugin
  async sendWebhookTest(
    @CurrentPartnerId() partnerId: number,
    @IdParam('id') id: number,
  ): Promise<WebhookTestDto> {
    const { webhookId } = await this.endpoints.sendTest(partnerId, id);
    return { webhookId, event: TEST_EVENT };
  }

  @Get(':id/deliveries')
  @ApiIdParam('id', 'Webhook endpoint id')
  @Endpoint({
    summary: "An endpoint's deliveries, newest first",
    type: WebhookDeliveryPageDto,
    auth,
    errors: {
      not_found: 'no such endpoint of yours',
      invalid_cursor: 'the cursor is not one this API returned',
    },
  })
  async listWebhookDeliveries(
    @CurrentPartnerId() partnerId: number,
    @IdParam('id') id: number,
    @Query() query: PageQueryDto,
  ): Promise<WebhookDeliveryPageDto> {
    return mapPage(await this.endpoints.deliveries(partnerId, id, query), toDeliveryDto);
  }

  @Post(':id/deliveries/:deliveryId/redeliver')
  @ApiIdParam('id', 'Webhook endpoint id')
  @ApiIdParam('deliveryId', 'Delivery id')
  @Endpoint({
    summary: 'Send a delivery again (same webhook-id)',
    status: 202,
    type: WebhookDeliveryDto,
    auth,
    errors: { not_found: 'no such endpoint or delivery of yours' },
  })
  @ApiAcceptedResponse({ type: WebhookDeliveryDto }) // literal, for the plugin
  async redeliverWebhookDelivery(
    @CurrentPartnerId() partnerId: number,
    @IdParam('id') id: number,
    @IdParam('deliveryId') deliveryId: number,
  ): Promise<WebhookDeliveryDto> {
    return toDeliveryDto(await this.endpoints.redeliver(partnerId, id, deliveryId));
  }
}
