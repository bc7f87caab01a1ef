import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';

/** Query-string booleans: "true"/"false" only; anything else stays as given and fails IsBoolean. */
export const queryBoolean = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;

export class ListOffersQueryDto {
  @ApiPropertyOptional({ description: 'Only available (true) or only removed (false) offers' })
  @IsOptional()
  @Transform(queryBoolean)
  @IsBoolean()
  available?: boolean;
}
