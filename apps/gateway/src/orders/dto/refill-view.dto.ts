import { ApiProperty } from '@nestjs/swagger';
import {
  REFILL_STATUSES,
  type RefillEntity,
  type RefillStatus,
} from '../entities/refill.entity.js';

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
