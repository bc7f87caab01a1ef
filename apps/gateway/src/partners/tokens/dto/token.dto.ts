import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Length,
  Max,
  Min,
} from 'class-validator';
import { SCOPES, type Scope } from '../../../auth/scopes.js';
import { TOKEN_PREFIX } from '../token-format.js';

export const MAX_GRACE_SECONDS = 7 * 24 * 3600;

export class CreateTokenDto {
  @ApiProperty({
    enum: SCOPES,
    isArray: true,
    example: ['services:read', 'orders:write'],
    description:
      "`admin` and `metrics:read` are operator scopes: a partner's token cannot carry them (400)",
  })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique()
  @IsIn(SCOPES, { each: true })
  scopes: Scope[];

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'When the token stops working; never when absent',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  expiresAt?: string;

  @ApiPropertyOptional({ example: 'shop backend', maxLength: 100 })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  name?: string;
}

export class RotateTokenDto {
  @ApiProperty({
    minimum: 0,
    maximum: MAX_GRACE_SECONDS,
    description: 'How long the old token keeps working after the successor is issued',
    example: 3600,
  })
  @IsInt()
  @Min(0)
  @Max(MAX_GRACE_SECONDS)
  graceSeconds: number;

  @ApiPropertyOptional({
    format: 'date-time',
    description: "The successor's expiry; the old token's when absent",
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  expiresAt?: string;
}

export const TOKEN_STATUSES = ['active', 'expired', 'revoked'] as const;
export type TokenStatus = (typeof TOKEN_STATUSES)[number];

/** A token as listings show it: never the token itself, only its prefix and last four characters. */
export class TokenDto {
  @ApiProperty()
  id: number;

  @ApiProperty({ type: Number, nullable: true, description: 'Null for operator tokens (CLI)' })
  partnerId: number | null;

  @ApiProperty({ type: String, nullable: true })
  name: string | null;

  @ApiProperty({ enum: SCOPES, isArray: true })
  scopes: Scope[];

  @ApiProperty({ example: TOKEN_PREFIX })
  prefix: string;

  @ApiProperty({ example: 'x7Qa' })
  last4: string;

  @ApiProperty({ example: `${TOKEN_PREFIX}_…x7Qa` })
  masked: string;

  @ApiProperty({ enum: TOKEN_STATUSES })
  status: TokenStatus;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Updated at most once a minute',
  })
  lastUsedAt: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  expiresAt: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  revokedAt: string | null;

  @ApiProperty({ type: Number, nullable: true, description: 'The successor, once rotated' })
  rotatedToId: number | null;

  @ApiProperty({ type: Number, nullable: true, description: 'The token this one replaced' })
  rotatedFromId: number | null;
}

/** The one response that carries the token: store it now, it is never shown again. */
export class IssuedTokenDto extends TokenDto {
  @ApiProperty({ example: `${TOKEN_PREFIX}_4Zc0h1yJc6QpR2tXb9Lm0aS3dE5fG7hJ8kL1mN2p_1a2B3c` })
  token: string;
}
