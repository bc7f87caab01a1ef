import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SERVICE_TYPES } from '#smm-protocol';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { CleanText } from '../../providers/dto/text.js';
import { OfferRefDto } from './offer.dto.js';

export class CreateServiceDto {
  @ApiProperty({ example: 'Instagram Followers HQ', maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @CleanText()
  name: string;

  @ApiProperty({ example: 'Instagram Followers', maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @CleanText()
  category: string;

  @ApiProperty({ enum: SERVICE_TYPES, example: 'Default' })
  @IsIn(SERVICE_TYPES)
  type: string;

  @ApiPropertyOptional({ maxLength: 5000 })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  @CleanText()
  description?: string;

  @ApiPropertyOptional({ default: false, description: 'Promise: only offers with refill serve it' })
  @IsOptional()
  @IsBoolean()
  refill?: boolean;

  @ApiPropertyOptional({ default: false, description: 'Promise: only offers with cancel serve it' })
  @IsOptional()
  @IsBoolean()
  cancel?: boolean;

  @ApiPropertyOptional({
    default: false,
    description: 'Promise: only offers with drip-feed serve it',
  })
  @IsOptional()
  @IsBoolean()
  dripfeed?: boolean;
}

/** Every field optional; the type cannot change (it would invalidate the mapping and the orders). */
export class UpdateServiceDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @CleanText()
  name?: string;

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @CleanText()
  category?: string;

  @ApiPropertyOptional({ maxLength: 5000, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  @CleanText()
  description?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  refill?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  cancel?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  dripfeed?: boolean;

  @ApiPropertyOptional({ description: 'False retires the service (partners no longer see it)' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class SetServiceOffersDto {
  @ApiProperty({ type: [OfferRefDto], description: 'The whole mapping; replaces the previous one' })
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => OfferRefDto)
  offers: OfferRefDto[];
}

/** A mapped offer as the admin sees it on a service. */
export class MappedOfferDto {
  @ApiProperty()
  offerId: number;

  @ApiProperty()
  providerId: number;

  @ApiProperty()
  upstreamServiceId: string;

  @ApiProperty()
  name: string;

  @ApiProperty()
  type: string;

  @ApiProperty({ example: '0.9' })
  rate: string;

  @ApiProperty({ example: 'USD' })
  currency: string;

  @ApiProperty()
  min: number;

  @ApiProperty()
  max: number;

  @ApiProperty()
  refill: boolean;

  @ApiProperty()
  cancel: boolean;

  @ApiProperty()
  dripfeed: boolean;

  @ApiProperty()
  available: boolean;
}

/** One of our services with its mapping. */
export class AdminServiceDto {
  @ApiProperty({ example: 1 })
  id: number;

  @ApiProperty()
  name: string;

  @ApiProperty()
  category: string;

  @ApiProperty({ example: 'Default' })
  type: string;

  @ApiProperty({ type: String, nullable: true })
  description: string | null;

  @ApiProperty()
  refill: boolean;

  @ApiProperty()
  cancel: boolean;

  @ApiProperty()
  dripfeed: boolean;

  @ApiProperty({ description: 'False once retired' })
  active: boolean;

  @ApiProperty({ type: [MappedOfferDto] })
  offers: MappedOfferDto[];

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;

  @ApiProperty({ type: String, format: 'date-time' })
  updatedAt: string;
}
