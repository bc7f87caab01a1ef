import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
} from 'class-validator';
import { OPERATOR_EVENTS, PARTNER_EVENTS } from '../webhook-types.js';
import type { WebhookEndpointEntity } from '../webhook-endpoint.entity.js';

const ALL_EVENTS = [...PARTNER_EVENTS, ...OPERATOR_EVENTS];
/** Percent as a decimal string above 0, up to 1000 ("10", "2.5"). */
const PERCENT = /^(0|[1-9]\d{0,3})(\.\d{1,6})?$/;
const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateWebhookDto {
  @ApiProperty({
    example: 'https://hooks.example.com/smm-gateway',
    maxLength: 2048,
    description:
      'https only; http to loopback or private addresses only when the gateway runs with WEBHOOK_ALLOW_PRIVATE=true. Loopback, private, link-local and metadata addresses are refused.',
  })
  @Transform(trim)
  @IsString()
  @Length(1, 2048)
  url: string;

  @ApiPropertyOptional({
    type: [String],
    example: ['order.updated'],
    description:
      'Event types to receive; omitted or null: all of them. Partners: order.updated, refill.updated, balance.low. Operator: provider.ejected, provider.recovered, provider.balance_low, order.needs_reconciliation, order.stuck, catalog.sync_failed, offer.price_changed, webhook.endpoint_disabled.',
  })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(ALL_EVENTS.length)
  @IsIn(ALL_EVENTS, { each: true, message: 'events must name known event types' })
  events?: string[] | null;

  @ApiPropertyOptional({ example: 'Order updates for the shop backend', maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string | null;
}

export class CreateOperatorWebhookDto extends CreateWebhookDto {
  @ApiPropertyOptional({
    example: '10',
    description:
      'offer.price_changed only when a mapped offer moved more than this many percent (default 10)',
  })
  @IsOptional()
  @IsString()
  @Matches(PERCENT, { message: 'priceChangePercent must be a decimal string from 0 to 1000' })
  priceChangePercent?: string | null;
}

export class UpdateWebhookDto {
  @ApiPropertyOptional({ example: 'https://hooks.example.com/v2', maxLength: 2048 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 2048)
  url?: string;

  @ApiPropertyOptional({
    type: [String],
    nullable: true,
    example: ['order.updated', 'balance.low'],
  })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(ALL_EVENTS.length)
  @IsIn(ALL_EVENTS, { each: true, message: 'events must name known event types' })
  events?: string[] | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string | null;

  @ApiPropertyOptional({
    description:
      'false pauses deliveries (they wait); true resumes an endpoint, also one disabled for failing',
  })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

export class UpdateOperatorWebhookDto extends UpdateWebhookDto {
  @ApiPropertyOptional({ type: String, nullable: true, example: '10' })
  @IsOptional()
  @IsString()
  @Matches(PERCENT, { message: 'priceChangePercent must be a decimal string from 0 to 1000' })
  priceChangePercent?: string | null;
}

export class WebhookEndpointDto {
  @ApiProperty({ example: 7 })
  id: number;

  @ApiProperty({ example: 'https://hooks.example.com/smm-gateway' })
  url: string;

  @ApiProperty({ type: String, nullable: true })
  description: string | null;

  @ApiProperty({ type: [String], nullable: true, description: 'null: every event type' })
  events: string[] | null;

  @ApiProperty()
  enabled: boolean;

  @ApiProperty({ type: String, nullable: true, example: null })
  disabledReason: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Since when every attempt failed' })
  failingSince: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'After a rotation: until when the previous secret still signs beside the new one',
  })
  previousSecretUntil: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Operator endpoints only' })
  priceChangePercent?: string | null;

  @ApiProperty()
  createdAt: string;

  @ApiProperty()
  updatedAt: string;
}

export class WebhookEndpointWithSecretDto extends WebhookEndpointDto {
  @ApiProperty({
    example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    description:
      'The signing secret: shown once, here. Verify deliveries with it (Standard Webhooks).',
  })
  secret: string;
}

export function toEndpointDto(e: WebhookEndpointEntity): WebhookEndpointDto {
  return {
    id: e.id,
    url: e.url,
    description: e.description,
    events: e.events,
    enabled: e.enabled,
    disabledReason: e.disabledReason,
    failingSince: e.failingSince?.toISOString() ?? null,
    previousSecretUntil: e.previousSecretUntil?.toISOString() ?? null,
    ...(e.partnerId === null ? { priceChangePercent: e.priceChangePercent } : {}),
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
  };
}
