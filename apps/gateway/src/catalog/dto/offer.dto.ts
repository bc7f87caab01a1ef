import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsString, Max, Min } from 'class-validator';
import { Token } from '../../providers/dto/text.js';

/** Upstream ids arrive as numbers or strings; they are kept as text. */
const upstreamIdText = ({ value }: { value: unknown }): unknown =>
  typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;

/** A reference to one upstream offer: the provider and the upstream's own service id. */
export class OfferRefDto {
  @ApiProperty({ example: 1 })
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  providerId: number;

  @ApiProperty({
    example: '1042',
    description: 'The upstream service id (a number is accepted too)',
  })
  @Transform(upstreamIdText)
  @IsString()
  @Token(64)
  upstreamServiceId: string;
}

/** One upstream offer as last synced. */
export class OfferDto {
  @ApiProperty({ example: 17 })
  id: number;

  @ApiProperty({ example: 1 })
  providerId: number;

  @ApiProperty({ example: '1042' })
  upstreamServiceId: string;

  @ApiProperty({ example: 'Instagram Followers [HQ]' })
  name: string;

  @ApiProperty({ example: 'Default' })
  type: string;

  @ApiProperty({ type: String, nullable: true, example: 'Instagram Followers' })
  category: string | null;

  @ApiProperty({
    example: '0.9',
    description: 'Per 1000 (per package for package types), decimal string',
  })
  rate: string;

  @ApiProperty({ example: 'USD', description: "The provider's currency" })
  currency: string;

  @ApiProperty({ example: 50 })
  min: number;

  @ApiProperty({ example: 10000 })
  max: number;

  @ApiProperty()
  refill: boolean;

  @ApiProperty()
  cancel: boolean;

  @ApiProperty()
  dripfeed: boolean;

  @ApiProperty({ type: String, nullable: true })
  description: string | null;

  @ApiProperty({ description: 'False once the offer left the upstream catalog' })
  available: boolean;

  @ApiProperty({ type: [Number], description: 'Our services this offer is mapped to' })
  serviceIds: number[];

  @ApiProperty({ type: String, format: 'date-time' })
  firstSeenAt: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  removedAt: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  updatedAt: string;
}

export class OfferRateChangeDto {
  @ApiProperty({ example: '0.9' })
  oldRate: string;

  @ApiProperty({ example: '0.95' })
  newRate: string;

  @ApiProperty({ type: String, format: 'date-time' })
  changedAt: string;
}

export class InvalidEntryDto {
  @ApiProperty({ description: 'Position in the upstream list' })
  index: number;

  @ApiProperty({ type: String, nullable: true })
  id: string | null;

  @ApiProperty({ example: '[3].rate: expected a decimal' })
  problem: string;
}

/** The outcome of one sync. */
export class SyncResultDto {
  @ApiProperty()
  providerId: number;

  @ApiProperty({ description: 'Services the upstream listed' })
  received: number;

  @ApiProperty({ description: 'Offers seen for the first time' })
  new: number;

  @ApiProperty({ description: 'Offers whose fields changed, or that came back' })
  changed: number;

  @ApiProperty({ description: 'Offers gone upstream, now unavailable' })
  removed: number;

  @ApiProperty()
  unchanged: number;

  @ApiProperty({
    description: 'Entries that could not be read (their stored offers are untouched)',
  })
  invalid: number;

  @ApiProperty({ type: [InvalidEntryDto], description: 'The first 20 unreadable entries' })
  invalidEntries: InvalidEntryDto[];

  @ApiProperty({ type: String, format: 'date-time' })
  syncedAt: string;

  @ApiProperty()
  durationMs: number;
}
