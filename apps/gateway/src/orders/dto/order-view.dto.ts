import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ORDER_STATUSES,
  PARTNER_ORDER_STATUSES,
  partnerStatus,
  type OrderStatus,
  type PartnerOrderStatus,
} from '../domain/order-status.js';
import type { OrderAttemptEntity } from '../entities/order-attempt.entity.js';
import type { OrderEntity } from '../entities/order.entity.js';

/** An order as its partner sees it: which upstream serves it is not shown. */
export class OrderDto {
  @ApiProperty({ example: 42 })
  id: number;

  @ApiProperty({ enum: PARTNER_ORDER_STATUSES })
  status: PartnerOrderStatus;

  @ApiProperty()
  serviceId: number;

  @ApiProperty({ type: String, nullable: true })
  link: string | null;

  /** Per run for drip-feed. */
  @ApiProperty()
  quantity: number;

  @ApiPropertyOptional({ type: Number, nullable: true })
  runs: number | null;

  @ApiPropertyOptional({ type: Number, nullable: true })
  interval: number | null;

  @ApiProperty({ example: '1.25000', description: 'Decimal string, fixed at placement' })
  charge: string;

  @ApiProperty({ example: '0', description: 'Refunded so far (partial, cancel, failure)' })
  refunded: string;

  @ApiProperty({ example: 'USD' })
  currency: string;

  @ApiProperty({ type: Number, nullable: true })
  startCount: number | null;

  @ApiProperty({ type: Number, nullable: true })
  remains: number | null;

  /** The type's own fields as sent (comments, usernames, answerNumber, ...). */
  @ApiProperty({ type: 'object', additionalProperties: true })
  params: Record<string, string | number | undefined>;

  @ApiProperty()
  createdAt: string;

  @ApiProperty()
  updatedAt: string;
}

export class OrderAttemptDto {
  @ApiProperty() attempt: number;
  @ApiProperty() providerId: number;
  @ApiProperty() upstreamServiceId: string;
  @ApiProperty({ description: 'Cost in the base currency' }) cost: string;
  @ApiProperty({ enum: ['prepared', 'sending', 'placed', 'rejected', 'failed', 'ambiguous'] })
  outcome: string;
  @ApiProperty({ type: String, nullable: true }) reason: string | null;
  @ApiProperty({ type: String, nullable: true }) message: string | null;
  @ApiProperty({ type: String, nullable: true }) upstreamOrderId: string | null;
  @ApiProperty() createdAt: string;
}

/** An order as admins see it: the internal status, the upstream and every attempt. */
export class AdminOrderDto extends OrderDto {
  @ApiProperty({ enum: ORDER_STATUSES })
  internalStatus: OrderStatus;

  @ApiProperty()
  partnerId: number;

  @ApiProperty({ type: Number, nullable: true })
  providerId: number | null;

  @ApiProperty({ type: String, nullable: true })
  upstreamServiceId: string | null;

  @ApiProperty({ type: String, nullable: true })
  upstreamOrderId: string | null;

  @ApiProperty({ type: String, nullable: true })
  upstreamStatus: string | null;

  @ApiProperty({ type: String, nullable: true })
  statusReason: string | null;

  @ApiProperty({ type: String, nullable: true })
  stuckAt: string | null;

  @ApiProperty({ type: [OrderAttemptDto] })
  attempts: OrderAttemptDto[];
}

export function toOrderDto(order: OrderEntity): OrderDto {
  return {
    id: order.id,
    status: partnerStatus(order.status),
    serviceId: order.serviceId,
    link: order.link,
    quantity: order.quantity,
    runs: order.runs,
    interval: order.interval,
    charge: order.charge,
    refunded: order.refunded,
    currency: order.currency,
    startCount: order.startCount,
    remains: order.remains,
    params: order.params,
    createdAt: order.createdAt.toISOString(),
    updatedAt: order.updatedAt.toISOString(),
  };
}

export function toAdminOrderDto(order: OrderEntity, attempts: OrderAttemptEntity[]): AdminOrderDto {
  return {
    ...toOrderDto(order),
    internalStatus: order.status,
    partnerId: order.partnerId,
    providerId: order.providerId,
    upstreamServiceId: order.upstreamServiceId,
    upstreamOrderId: order.upstreamOrderId,
    upstreamStatus: order.upstreamStatus,
    statusReason: order.statusReason,
    stuckAt: order.stuckAt?.toISOString() ?? null,
    attempts: attempts
      .sort((a, b) => a.attemptNo - b.attemptNo)
      .map((a) => ({
        attempt: a.attemptNo,
        providerId: a.providerId,
        upstreamServiceId: a.upstreamServiceId,
        cost: a.cost,
        outcome: a.outcome,
        reason: a.reason,
        message: a.message,
        upstreamOrderId: a.upstreamOrderId,
        createdAt: a.createdAt.toISOString(),
      })),
  };
}
