import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
import { PageQueryDto } from '../../common/http/page-query.dto.js';

export class ListAuditQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'token 3 (ops)' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  actor?: string;

  @ApiPropertyOptional({ example: 'partner.suspend' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  action?: string;

  @ApiPropertyOptional({ example: 'partner' })
  @IsOptional()
  @IsString()
  @Length(1, 50)
  targetType?: string;

  @ApiPropertyOptional({ example: '12' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  targetId?: string;
}

export class AuditEntryDto {
  @ApiProperty()
  id: number;

  @ApiProperty({ example: 'token 3 (ops)', description: 'Who acted (never a token)' })
  actor: string;

  @ApiProperty({ example: 'partner.suspend' })
  action: string;

  @ApiProperty({ type: String, nullable: true, example: 'partner' })
  targetType: string | null;

  @ApiProperty({ type: String, nullable: true, example: '12' })
  targetId: string | null;

  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true })
  details: Record<string, unknown> | null;

  @ApiProperty({ type: String, nullable: true })
  requestId: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

export class AuditPageDto {
  @ApiProperty({ type: [AuditEntryDto] })
  items: AuditEntryDto[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor: string | null;
}
