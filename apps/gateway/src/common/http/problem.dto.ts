import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class FieldErrorDto {
  @ApiProperty({ example: 'quantity' })
  field: string;

  @ApiProperty({ example: 'quantity must not be less than 1' })
  message: string;
}

/** RFC 9457 problem details, as every error response of the gateway. */
export class ProblemDto {
  @ApiProperty({ example: 'urn:smm-gateway:problem:validation_failed' })
  type: string;

  @ApiProperty({ example: 'Validation failed' })
  title: string;

  @ApiProperty({ example: 400 })
  status: number;

  @ApiProperty({ example: 'The request has 1 invalid value: quantity.' })
  detail: string;

  @ApiProperty({ description: 'Stable machine-readable error code', example: 'validation_failed' })
  code: string;

  @ApiProperty({ example: '3f0c5f0e-8a0b-4bb0-9d59-0f3c7b1d8c52' })
  requestId: string;

  @ApiPropertyOptional({ example: '/v1/orders' })
  instance?: string;

  @ApiPropertyOptional({
    type: [FieldErrorDto],
    description: 'For validation_failed: each invalid field',
  })
  errors?: FieldErrorDto[];
}
