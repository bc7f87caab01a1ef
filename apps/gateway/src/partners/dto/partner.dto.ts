import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { PARTNER_STATUSES, type PartnerStatus } from '../partner.entity.js';
import { PageQueryDto } from '../../common/http/page-query.dto.js';

/** Percent as a decimal string: 0 to 1000 with up to 6 decimals ("12.5"). */
const PERCENT = /^(0|[1-9]\d{0,3})(\.\d{1,6})?$/;
const CURRENCY = /^[A-Z]{3}$/;
const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreatePartnerDto {
  @ApiProperty({ example: 'Acme Reseller', maxLength: 100 })
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  name: string;

  @ApiPropertyOptional({
    example: 'EUR',
    description: "Wallet and price currency (ISO 4217); the gateway's base currency when absent",
  })
  @IsOptional()
  @Matches(CURRENCY, { message: 'currency must be a three-letter ISO 4217 code' })
  currency?: string;

  @ApiPropertyOptional({
    example: '12.5',
    default: '0',
    description: 'Percent added to the routed cost, as a decimal string (0 to 1000)',
  })
  @IsOptional()
  @IsString()
  @Matches(PERCENT, { message: 'markupPercent must be a decimal string from 0 to 1000' })
  markupPercent?: string;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    minimum: 1,
    description: "Requests per minute per token; the gateway's default when absent",
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  requestsPerMinute?: number;
}

export class UpdatePartnerDto {
  @ApiPropertyOptional({ maxLength: 100 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  name?: string;

  @ApiPropertyOptional({ description: 'Only while the partner has no ledger entries' })
  @IsOptional()
  @Matches(CURRENCY, { message: 'currency must be a three-letter ISO 4217 code' })
  currency?: string;

  @ApiPropertyOptional({ example: '7.25' })
  @IsOptional()
  @IsString()
  @Matches(PERCENT, { message: 'markupPercent must be a decimal string from 0 to 1000' })
  markupPercent?: string;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description: 'null returns the partner to the default',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  requestsPerMinute?: number | null;
}

export class ListPartnersQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: PARTNER_STATUSES })
  @IsOptional()
  @IsIn(PARTNER_STATUSES)
  status?: PartnerStatus;
}

export class PartnerDto {
  @ApiProperty()
  id: number;

  @ApiProperty()
  name: string;

  @ApiProperty({ example: 'USD' })
  currency: string;

  @ApiProperty({ example: '12.5' })
  markupPercent: string;

  @ApiProperty({ type: Number, nullable: true })
  requestsPerMinute: number | null;

  @ApiProperty({ enum: PARTNER_STATUSES })
  status: PartnerStatus;

  @ApiProperty({ example: '100.5', description: 'Wallet balance in the partner currency' })
  balance: string;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  suspendedAt: string | null;
}

export class PartnerPageDto {
  @ApiProperty({ type: [PartnerDto] })
  items: PartnerDto[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor: string | null;
}
