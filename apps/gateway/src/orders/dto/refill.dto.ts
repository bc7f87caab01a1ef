import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  REFILL_STATUSES,
  type RefillEntity,
  type RefillStatus,
} from '../entities/refill.entity.js';
import type { CancelOutcome } from '../follow-ups/cancels.service.js';
import type { RefillOutcome } from '../follow-ups/refills.service.js';

export class RefillDto {
  @ApiProperty() id: number;
  @ApiProperty() orderId: number;
  @ApiProperty({ enum: REFILL_STATUSES }) status: RefillStatus;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export const toRefillDto = (r: RefillEntity): RefillDto => ({
  id: r.id,
  orderId: r.orderId,
  status: r.status,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

/** One id's result in a batch refill or cancel. */
export class BatchOutcomeDto {
  @ApiProperty() orderId: number;
  @ApiProperty() ok: boolean;
  @ApiPropertyOptional({ type: RefillDto }) refill?: RefillDto;
  @ApiPropertyOptional({ description: 'Stable error code when not ok' }) code?: string;
  @ApiPropertyOptional() error?: string;
}

export class BatchOutcomesDto {
  @ApiProperty({ type: [BatchOutcomeDto] }) results: BatchOutcomeDto[];
}

/** A batch refill's outcomes as the API shows them. */
export const toRefillOutcomesDto = (outcomes: readonly RefillOutcome[]): BatchOutcomesDto => ({
  results: outcomes.map((o) =>
    o.refill
      ? { orderId: o.orderId, ok: true, refill: toRefillDto(o.refill) }
      : { orderId: o.orderId, ok: false, code: o.code, error: o.error },
  ),
});

/** A batch cancel's outcomes as the API shows them. */
export const toCancelOutcomesDto = (outcomes: readonly CancelOutcome[]): BatchOutcomesDto => ({
  results: outcomes.map((o) => ({
    orderId: o.orderId,
    ok: o.accepted,
    code: o.code,
    error: o.error,
  })),
});
