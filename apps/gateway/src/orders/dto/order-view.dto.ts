import type { OrderView } from '../order-view.js';
import { Decimal } from 'decimal.js';
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
  @ApiProperty({
    type: String,
    nullable: true,
    description: "The offer's rate in the upstream's currency (per 1000, or per package)",
  })
  upstreamRate: string | null;
  @ApiProperty({ type: String, nullable: true }) upstreamCurrency: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: "Base-currency units one unit of the upstream's currency was worth",
  })
  fxRate: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: "Expected cost in the upstream's currency",
  })
  upstreamCost: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The next offer of the same ranking, base currency (null: none)',
  })
  nextBestCost: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The most expensive eligible offer of the same ranking, base currency',
  })
  maxCost: string | null;
  @ApiProperty({ enum: ['prepared', 'sending', 'placed', 'rejected', 'failed', 'ambiguous'] })
  outcome: string;
  @ApiProperty({ type: String, nullable: true }) reason: string | null;
  @ApiProperty({ type: String, nullable: true }) message: string | null;
  @ApiProperty({ type: String, nullable: true }) upstreamOrderId: string | null;
  @ApiProperty() createdAt: string;
}

/** What the order costs upstream, expected and as reported; refunds on both sides. */
export class UpstreamCostDto {
  @ApiProperty({ type: String, nullable: true, description: "The upstream's currency" })
  currency: string | null;
  @ApiProperty({ type: String, nullable: true, description: "The offer's rate (its currency)" })
  rate: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Base units per upstream unit' })
  fxRate: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Expected cost (upstream currency)' })
  expected: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: "Expected cost net of the upstream's Partial/Canceled refund (upstream currency)",
  })
  expectedNet: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Expected cost (base currency)' })
  expectedBase: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The charge the upstream last reported (its currency); null until reported',
  })
  reported: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: "What the upstream's refund is expected to be: expected − expectedNet",
  })
  upstreamRefund: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Next-best eligible cost (base)' })
  nextBestCostBase: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Most expensive eligible cost (base)' })
  maxCostBase: string | null;
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

  @ApiProperty({ type: UpstreamCostDto })
  upstreamCost: UpstreamCostDto;

  @ApiProperty({
    description:
      'The upstream reported a charge off its price list by more than UPSTREAM_CHARGE_TOLERANCE_PERCENT',
  })
  chargeMismatch: boolean;

  @ApiProperty({ type: [OrderAttemptDto] })
  attempts: OrderAttemptDto[];
}

export function toOrderDto(order: OrderView): OrderDto {
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
    upstreamCost: {
      currency: order.upstreamCurrency,
      rate: order.upstreamRate,
      fxRate: order.upstreamFx,
      expected: order.upstreamCost,
      expectedNet: order.upstreamCostNet,
      expectedBase: order.costBase,
      reported: order.upstreamCharge,
      upstreamRefund:
        order.upstreamCost !== null && order.upstreamCostNet !== null
          ? new Decimal(order.upstreamCost).minus(order.upstreamCostNet).toFixed()
          : null,
      nextBestCostBase: order.nextBestCostBase,
      maxCostBase: order.maxCostBase,
    },
    chargeMismatch: order.chargeMismatch,
    attempts: attempts
      .sort((a, b) => a.attemptNo - b.attemptNo)
      .map((a) => ({
        attempt: a.attemptNo,
        providerId: a.providerId,
        upstreamServiceId: a.upstreamServiceId,
        cost: a.cost,
        upstreamRate: a.upstreamRate,
        upstreamCurrency: a.upstreamCurrency,
        fxRate: a.fxRate,
        upstreamCost: a.upstreamCost,
        nextBestCost: a.nextBestCost,
        maxCost: a.maxCost,
        outcome: a.outcome,
        reason: a.reason,
        message: a.message,
        upstreamOrderId: a.upstreamOrderId,
        createdAt: a.createdAt.toISOString(),
      })),
  };
}
