import { ApiProperty } from '@nestjs/swagger';
import type { DeliveryRow } from '../endpoints/webhook-endpoints.repository.js';
import { messageId } from '../webhook-types.js';

export class WebhookDeliveryDto {
  @ApiProperty({ example: 311 })
  id: number;

  @ApiProperty({ example: 'order.updated' })
  event: string;

  @ApiProperty({
    example: 'msg_5120',
    description: 'The webhook-id header: the same on every attempt',
  })
  webhookId: string;

  @ApiProperty({ enum: ['pending', 'delivered', 'failed'] })
  status: string;

  @ApiProperty({ example: 1, description: 'Attempts made so far' })
  attempt: number;

  @ApiProperty({ type: Number, nullable: true, example: 200, description: 'Of the last attempt' })
  statusCode: number | null;

  @ApiProperty({ type: Number, nullable: true, example: 42, description: 'Of the last attempt' })
  durationMs: number | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: null,
    description: 'Why the last attempt failed',
  })
  error: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'When it is tried next (pending only)',
  })
  nextAttemptAt: string | null;

  @ApiProperty({ type: String, nullable: true })
  deliveredAt: string | null;

  @ApiProperty()
  createdAt: string;
}

export class WebhookDeliveryPageDto {
  @ApiProperty({ type: [WebhookDeliveryDto] })
  items: WebhookDeliveryDto[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor: string | null;
}

export function toDeliveryDto({ delivery: d, eventType }: DeliveryRow): WebhookDeliveryDto {
  return {
    id: d.id,
    event: eventType,
    webhookId: messageId(d.eventId),
    status: d.status,
    attempt: d.attempts,
    statusCode: d.lastStatusCode,
    durationMs: d.lastDurationMs,
    error: d.lastError,
    nextAttemptAt: d.status === 'pending' ? (d.nextAttemptAt?.toISOString() ?? null) : null,
    deliveredAt: d.deliveredAt?.toISOString() ?? null,
    createdAt: d.createdAt.toISOString(),
  };
}
