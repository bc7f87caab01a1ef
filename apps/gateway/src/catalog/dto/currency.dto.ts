import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';

export class SetCurrencyRateDto {
  @ApiProperty({
    example: '1.0834',
    description:
      'How many base-currency units one unit of the currency is worth: a decimal string > 0, at most 12 decimals',
  })
  @IsString()
  @Matches(/^(0|[1-9]\d{0,13})(\.\d{1,12})?$/, {
    message: 'rate must be a decimal string with at most 14 integer digits and 12 decimals',
  })
  rate: string;
}

export class CurrencyRateDto {
  @ApiProperty({ example: 'EUR' })
  code: string;

  @ApiProperty({ example: '1.0834', description: 'Base-currency units per unit of the currency' })
  rate: string;

  @ApiProperty({ example: 'USD' })
  base: string;

  @ApiProperty({ description: 'True for the base currency itself (rate 1, not settable)' })
  isBase: boolean;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  updatedAt: string | null;
}
