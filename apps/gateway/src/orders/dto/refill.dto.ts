import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { CancelOutcome } from '../follow-ups/cancels.service.js';
import type { RefillOutcome } from '../follow-ups/refills.service.js';
import { RefillDto, toRefillDto } from './refill-view.dto.js';

export { RefillDto, toRefillDto } from './refill-view.dto.js';

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
