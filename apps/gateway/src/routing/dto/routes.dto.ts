import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { EXCLUSION_CODES } from '../route-types.js';

/** "1,2,3" (or repeated parameters) → [1, 2, 3]; anything unparsable stays and fails validation. */
const idList = ({ value }: { value: unknown }): unknown => {
  const parts = (Array.isArray(value) ? value : [value]).flatMap((v) => String(v).split(','));
  return parts.map((p) => (/^\d{1,10}$/.test(p.trim()) ? Number(p.trim()) : p));
};

export class ExplainRoutesQueryDto {
  @ApiProperty({ example: 1000, description: 'Units per run (ignored for package types)' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(2_000_000_000)
  quantity: number;

  @ApiPropertyOptional({ example: 5, description: 'Drip-feed runs: the total is quantity × runs' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100_000)
  runs?: number;

  @ApiPropertyOptional({ example: '1,3', description: 'Only these provider ids', type: String })
  @IsOptional()
  @Transform(idList)
  @IsArray()
  @ArrayMaxSize(100)
  @IsInt({ each: true })
  @Min(1, { each: true })
  only?: number[];

  @ApiPropertyOptional({ example: '2', description: 'Never these provider ids', type: String })
  @IsOptional()
  @Transform(idList)
  @IsArray()
  @ArrayMaxSize(100)
  @IsInt({ each: true })
  @Min(1, { each: true })
  ignore?: number[];

  @ApiPropertyOptional({ example: '2.50', description: 'Most accepted cost, in the base currency' })
  @IsOptional()
  @Matches(/^(0|[1-9]\d{0,19})(\.\d{1,12})?$/, { message: 'maxCharge must be a decimal string' })
  maxCharge?: string;
}

export class ExclusionReasonDto {
  @ApiProperty({ enum: EXCLUSION_CODES })
  code: string;

  @ApiProperty({ example: '40 units is below the minimum 50' })
  message: string;
}

export class RankedRouteDto {
  @ApiProperty({ example: 1, description: '1 is the offer an order would use first' })
  rank: number;

  @ApiProperty()
  providerId: number;

  @ApiProperty()
  providerName: string;

  @ApiProperty()
  offerId: number;

  @ApiProperty()
  upstreamServiceId: string;

  @ApiProperty({
    example: '0.9',
    description: 'Per 1000 (or per package), in the provider currency',
  })
  rate: string;

  @ApiProperty({ example: 'EUR' })
  currency: string;

  @ApiProperty({ example: '4.5', description: 'Cost in the provider currency' })
  upstreamCost: string;

  @ApiProperty({ example: '4.875', description: 'Cost in the base currency: the ranking key' })
  cost: string;

  @ApiProperty()
  priority: number;

  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'Why this offer is ranked despite an exclusion: its provider is ejected, but no provider in rotation can serve the request (the last resort)',
  })
  note: string | null;
}

export class ExcludedRouteDto {
  @ApiProperty()
  providerId: number;

  @ApiProperty()
  providerName: string;

  @ApiProperty()
  offerId: number;

  @ApiProperty()
  upstreamServiceId: string;

  @ApiProperty({ example: '0.9' })
  rate: string;

  @ApiProperty({ example: 'EUR' })
  currency: string;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Cost in the base currency, when a rate exists',
  })
  cost: string | null;

  @ApiProperty({ type: [ExclusionReasonDto] })
  reasons: ExclusionReasonDto[];
}

/** Why a request would go where it goes. */
export class RouteExplanationDto {
  @ApiProperty()
  serviceId: number;

  @ApiProperty()
  quantity: number;

  @ApiProperty({ type: Number, nullable: true })
  runs: number | null;

  @ApiProperty({ example: 'USD' })
  baseCurrency: string;

  @ApiProperty({
    type: [RankedRouteDto],
    description: 'Cheapest first; ties by priority (higher first), then provider id',
  })
  ranked: RankedRouteDto[];

  @ApiProperty({ type: [ExcludedRouteDto] })
  excluded: ExcludedRouteDto[];
}
