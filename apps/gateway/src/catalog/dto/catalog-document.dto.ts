import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SERVICE_TYPES } from '#smm-protocol';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { CleanText } from '../../providers/dto/text.js';
import { OfferRefDto } from './offer.dto.js';

/** One service of the catalog document with its whole mapping. */
export class CatalogServiceEntryDto {
  @ApiPropertyOptional({
    example: 1,
    description:
      'An existing service; without it the entry matches a service by name, or creates one',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  id?: number;

  @ApiProperty({ maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @CleanText()
  name: string;

  @ApiProperty({ maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @CleanText()
  category: string;

  @ApiProperty({ enum: SERVICE_TYPES })
  @IsIn(SERVICE_TYPES)
  type: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 5000 })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  @CleanText()
  description?: string | null;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  refill?: boolean;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  cancel?: boolean;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  dripfeed?: boolean;

  @ApiProperty({ type: [OfferRefDto] })
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => OfferRefDto)
  offers: OfferRefDto[];
}

/**
 * The whole mapping as one document. PUT makes the catalog exactly this: listed services are
 * created or updated with exactly their offers; active services not listed are retired.
 */
export class CatalogDocumentDto {
  @ApiProperty({ type: [CatalogServiceEntryDto] })
  @IsArray()
  @ArrayMaxSize(20_000)
  @ValidateNested({ each: true })
  @Type(() => CatalogServiceEntryDto)
  services: CatalogServiceEntryDto[];
}

export class CatalogApplyResultDto {
  @ApiProperty({ description: 'Services created' })
  created: number;

  @ApiProperty({ description: 'Services whose fields or mapping changed' })
  updated: number;

  @ApiProperty()
  unchanged: number;

  @ApiProperty({ description: 'Active services the document no longer lists, now retired' })
  retired: number;

  @ApiProperty({ type: CatalogDocumentDto, description: 'The catalog as it now stands' })
  catalog: CatalogDocumentDto;
}
