import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { CleanText } from '../../providers/dto/text.js';

export class ListServicesQueryDto {
  @ApiPropertyOptional({ description: 'Exact category (case-insensitive)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @CleanText()
  category?: string;

  @ApiPropertyOptional({ example: 'Default', description: 'Exact service type' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @CleanText()
  type?: string;

  @ApiPropertyOptional({
    description: 'Substring of name, category or description (case-insensitive)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @CleanText()
  text?: string;
}

/** A service partners can order. */
export class OrderableServiceDto {
  @ApiProperty({ example: 1 })
  id: number;

  @ApiProperty({ example: 'Instagram Followers HQ' })
  name: string;

  @ApiProperty({ example: 'Instagram Followers' })
  category: string;

  @ApiProperty({ example: 'Default' })
  type: string;

  @ApiProperty({
    example: '0.95',
    description: 'Price per 1000 units (per package for package types), decimal string',
  })
  rate: string;

  @ApiProperty({ example: 'USD' })
  currency: string;

  @ApiProperty({ example: 50, description: 'Smallest quantity some eligible offer accepts' })
  min: number;

  @ApiProperty({ example: 100000, description: 'Largest quantity some eligible offer accepts' })
  max: number;

  @ApiProperty()
  refill: boolean;

  @ApiProperty()
  cancel: boolean;

  @ApiProperty()
  dripfeed: boolean;

  @ApiProperty({ type: String, nullable: true })
  description: string | null;
}
