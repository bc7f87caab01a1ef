import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional } from 'class-validator';

export const GROUP_BYS = ['day', 'partner', 'service', 'provider'] as const;
export const PARTNER_GROUP_BYS = ['day', 'service'] as const;

/** A report's time range: orders created at or after `from` and before `to`. */
export class ReportRangeQueryDto {
  @ApiPropertyOptional({
    description:
      'Orders created at or after (ISO 8601). Required with `to` once the gateway holds more ' +
      'orders than REPORT_RANGE_REQUIRED_ABOVE_ORDERS.',
    example: '2026-12-01T00:00:00Z',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({
    description: 'Orders created before (ISO 8601)',
    example: '2026-12-08T00:00:00Z',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}

export class GroupedReportQueryDto extends ReportRangeQueryDto {
  @ApiPropertyOptional({ enum: GROUP_BYS, default: 'day' })
  @IsOptional()
  @IsIn(GROUP_BYS)
  groupBy?: (typeof GROUP_BYS)[number];
}

export class PartnerSpendQueryDto extends ReportRangeQueryDto {
  @ApiPropertyOptional({ enum: PARTNER_GROUP_BYS, default: 'day' })
  @IsOptional()
  @IsIn(PARTNER_GROUP_BYS)
  groupBy?: (typeof PARTNER_GROUP_BYS)[number];
}
