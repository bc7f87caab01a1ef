import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { CleanText } from '../../providers/dto/text.js';

export class SuggestionOfferDto {
  @ApiProperty()
  providerId: number;

  @ApiProperty()
  upstreamServiceId: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ type: String, nullable: true })
  category: string | null;

  @ApiProperty({ example: '0.9' })
  rate: string;

  @ApiProperty({ example: 'USD' })
  currency: string;

  @ApiProperty()
  refill: boolean;

  @ApiProperty()
  cancel: boolean;

  @ApiProperty()
  dripfeed: boolean;
}

/** Unmapped offers of several providers that look like one service. */
export class CatalogSuggestionDto {
  @ApiProperty({ example: '3f9c0a7d1b2e4c55', description: 'Pass it to the apply call' })
  key: string;

  @ApiProperty({
    example: 1,
    description: '0.5 same type and name; +0.25 same category; +0.25 same flags',
  })
  score: number;

  @ApiProperty({
    type: [String],
    example: ['same type: Default', 'same normalized name: "followers instagram"'],
  })
  reasons: string[];

  @ApiProperty({ example: 'Default' })
  type: string;

  @ApiProperty()
  suggestedName: string;

  @ApiProperty()
  suggestedCategory: string;

  @ApiProperty({ description: 'Promised when applied: every offer of the group has it' })
  refill: boolean;

  @ApiProperty()
  cancel: boolean;

  @ApiProperty()
  dripfeed: boolean;

  @ApiProperty({ type: [SuggestionOfferDto] })
  offers: SuggestionOfferDto[];
}

export class ListSuggestionsQueryDto {
  @ApiPropertyOptional({ default: 100, maximum: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}

/** Overrides for the service an applied suggestion creates. */
export class ApplySuggestionDto {
  @ApiPropertyOptional({ maxLength: 200, description: 'Default: the suggested name' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @CleanText()
  name?: string;

  @ApiPropertyOptional({ maxLength: 200, description: 'Default: the suggested category' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @CleanText()
  category?: string;

  @ApiPropertyOptional({ maxLength: 5000 })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  @CleanText()
  description?: string;
}
