import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';

const MAX_LIST_CHARS = 100_000;
export const DECIMAL_PATTERN = /^\d{1,15}(\.\d{1,12})?$/;

/**
 * A new order. Which fields apply depends on the service's type (the table in the API v2
 * reference, in camelCase); the service validates that per type and answers field-level errors.
 * List fields (comments, usernames, hashtags, groups, keywords) take one item per line.
 */
export class CreateOrderDto {
  /** Our service id (GET /v1/services). */
  @ApiProperty({ example: 1 })
  @IsInt()
  @Min(1)
  serviceId: number;

  @ApiPropertyOptional({ example: 'https://instagram.com/example' })
  @IsOptional()
  @IsString()
  @MaxLength(2048)
  link?: string;

  /** Units to deliver; per run when drip-feeding (the total is quantity × runs). */
  @ApiPropertyOptional({ example: 1000 })
  @IsOptional()
  @IsInt()
  @Min(1)
  quantity?: number;

  /** Drip-feed: number of runs (with interval). */
  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10_000)
  runs?: number;

  /** Drip-feed: minutes between runs (with runs). */
  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(525_600)
  interval?: number;

  @ApiPropertyOptional({ description: 'One comment per line' })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_LIST_CHARS)
  comments?: string;

  @ApiPropertyOptional({ description: 'One username per line' })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_LIST_CHARS)
  usernames?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  username?: string;

  @ApiPropertyOptional({ description: 'One hashtag per line' })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_LIST_CHARS)
  hashtags?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  hashtag?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2048)
  media?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(1)
  answerNumber?: number;

  @ApiPropertyOptional({ description: 'One group per line' })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_LIST_CHARS)
  groups?: string;

  @ApiPropertyOptional({ description: 'One keyword per line' })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_LIST_CHARS)
  keywords?: string;

  @ApiPropertyOptional({ description: 'Subscriptions: minimum per post' })
  @IsOptional()
  @IsInt()
  @Min(0)
  min?: number;

  @ApiPropertyOptional({ description: 'Subscriptions: maximum per post' })
  @IsOptional()
  @IsInt()
  @Min(0)
  max?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(0)
  posts?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(0)
  oldPosts?: number;

  @ApiPropertyOptional({ description: 'Subscriptions: delay in minutes' })
  @IsOptional()
  @IsInt()
  @Min(0)
  delay?: number;

  @ApiPropertyOptional({ description: 'Subscriptions: d/m/Y', example: '31/12/2026' })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  expiry?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  country?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 5 })
  @IsOptional()
  @IsInt()
  device?: number;

  @ApiPropertyOptional({ description: '1 Google keyword, 2 custom referrer, 3 blank' })
  @IsOptional()
  @IsInt()
  typeOfTraffic?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  googleKeyword?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2048)
  referringUrl?: string;

  /** Refuse (422) instead of charging more than this, in the partner's currency. */
  @ApiPropertyOptional({ example: '12.50', description: 'Decimal string, partner currency' })
  @IsOptional()
  @Matches(DECIMAL_PATTERN, { message: 'maxCharge must be a decimal string such as "12.50"' })
  maxCharge?: string;

  /** Route only to these provider ids. */
  @ApiPropertyOptional({ type: [Number] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsInt({ each: true })
  only?: number[];

  /** Never route to these provider ids. */
  @ApiPropertyOptional({ type: [Number] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsInt({ each: true })
  ignore?: number[];
}
