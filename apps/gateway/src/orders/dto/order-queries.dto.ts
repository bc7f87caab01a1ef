import type { OrderView } from '../order-view.js';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { QueryId, QueryIdList } from '../../common/http/id-fields.js';
import { MAX_ID } from '../../common/http/id-range.js';
import { PageQueryDto } from '../../common/http/page-query.dto.js';
import { ORDER_STATUSES, PARTNER_ORDER_STATUSES } from '../domain/order-status.js';
import { AdminOrderDto, OrderDto, toOrderDto } from './order-view.dto.js';

export const MAX_IDS = 100;

/** `GET /v1/orders`: either `ids` (≤100, per-id results) or filters with cursor pagination. */
export class ListOrdersQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Comma-separated order ids (at most 100): per-id results' })
  @IsOptional()
  @QueryIdList(MAX_IDS)
  ids?: string;

  @ApiPropertyOptional({ enum: PARTNER_ORDER_STATUSES })
  @IsOptional()
  @IsIn(PARTNER_ORDER_STATUSES)
  status?: (typeof PARTNER_ORDER_STATUSES)[number];

  @ApiPropertyOptional()
  @IsOptional()
  @QueryId()
  serviceId?: number;

  @ApiPropertyOptional({ description: 'Created at or after (ISO 8601)' })
  @IsOptional()
  @IsISO8601()
  createdFrom?: string;

  @ApiPropertyOptional({ description: 'Created before (ISO 8601)' })
  @IsOptional()
  @IsISO8601()
  createdTo?: string;
}

export class AdminListOrdersQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ORDER_STATUSES })
  @IsOptional()
  @IsIn(ORDER_STATUSES)
  status?: (typeof ORDER_STATUSES)[number];

  @ApiPropertyOptional()
  @IsOptional()
  @QueryId()
  partnerId?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @QueryId()
  providerId?: number;

  @ApiPropertyOptional({ description: 'Only orders flagged as stuck' })
  @IsOptional()
  @Transform(({ value }) => value === 'true' || value === true)
  stuck?: boolean;

  @ApiPropertyOptional({
    description:
      'true: only orders whose upstream charged off its price list; false: only the others',
  })
  @IsOptional()
  @IsIn(['true', 'false'])
  chargeMismatch?: 'true' | 'false';
}

export class OrderPageDto {
  @ApiProperty({ type: [OrderDto] })
  items: OrderDto[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor: string | null;
}

export class AdminOrderPageDto {
  @ApiProperty({ type: [AdminOrderDto] })
  items: AdminOrderDto[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor: string | null;
}

export class OrderLookupDto {
  @ApiProperty()
  id: number;

  @ApiPropertyOptional({ type: OrderDto })
  order?: OrderDto;

  @ApiPropertyOptional({ example: 'Incorrect order ID' })
  error?: string;
}

export class OrderLookupsDto {
  @ApiProperty({ type: [OrderLookupDto] })
  results: OrderLookupDto[];
}

export class OrderIdsDto {
  @ApiProperty({ type: [Number], maxItems: MAX_IDS })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_IDS)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(MAX_ID, { each: true })
  ids: number[];
}

export class ResolveOrderDto {
  @ApiPropertyOptional({ description: 'The upstream order id found by the operator' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,100}$/)
  upstreamOrderId?: string;

  @ApiPropertyOptional({ description: 'true: the upstream never took it; refund the partner' })
  @IsOptional()
  @IsIn([true])
  failed?: true;
}

/** Per id asked, in the order asked: the order, or `Incorrect order ID` for any other id. */
export const toOrderLookupsDto = (
  found: ReadonlyMap<number, OrderView | null>,
): OrderLookupsDto => ({
  results: [...found].map(([id, order]) =>
    order ? { id, order: toOrderDto(order) } : { id, error: 'Incorrect order ID' },
  ),
});

/** The ids of a `?ids=` list (validated by QueryIdList), without repeats, in the order given. */
export const parseIdList = (ids: string): number[] => [...new Set(ids.split(',').map(Number))];
