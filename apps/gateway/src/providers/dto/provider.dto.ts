import type { SmmTransport } from '#smm-protocol';
import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { CleanText, Token } from './text.js';
import { ProviderHealthDto } from './provider-health.dto.js';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';

/** Upper-case currency code: ISO 4217 or what panels say (USDT). */
/** Request encodings an upstream may need (the protocol library's transports). */
export const SMM_TRANSPORTS: readonly SmmTransport[] = ['form', 'query', 'json'];

export const CURRENCY_CODE = /^[A-Z][A-Z0-9]{2,9}$/;
export const CURRENCY_CODE_MESSAGE = 'currency must be an upper-case currency code such as USD';

const URL_OPTIONS = {
  protocols: ['http', 'https'],
  require_protocol: true,
  require_tld: false,
  allow_underscores: true,
};

export class CreateProviderDto {
  @ApiProperty({ example: 'JoySMM', maxLength: 100 })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @CleanText()
  name: string;

  @ApiProperty({ example: 'https://panel.example/api/v2', description: 'The API v2 endpoint' })
  @IsUrl(URL_OPTIONS)
  @MaxLength(500)
  apiUrl: string;

  @ApiProperty({
    description:
      'The upstream API key; stored encrypted, never returned (only its last 4 characters)',
    writeOnly: true,
    minLength: 8,
  })
  @IsString()
  @MinLength(8)
  @MaxLength(500)
  @Token(500)
  apiKey: string;

  @ApiPropertyOptional({
    example: 'USD',
    description:
      'The account currency; needed only when the upstream balance answer does not name it, and must match it when it does',
  })
  @IsOptional()
  @Matches(CURRENCY_CODE, { message: CURRENCY_CODE_MESSAGE })
  currency?: string;

  @ApiPropertyOptional({ default: 0, description: 'Higher wins a tie on cost' })
  @IsOptional()
  @IsInt()
  @Min(-1000)
  @Max(1000)
  priority?: number;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional({ default: 10000, description: 'Per-call timeout in milliseconds' })
  @IsOptional()
  @IsInt()
  @Min(1000)
  @Max(120000)
  timeoutMs?: number;

  @ApiPropertyOptional({
    enum: SMM_TRANSPORTS,
    default: 'form',
    description:
      'Request encoding for this panel: form POST (canonical), query-string GET, or JSON',
  })
  @IsOptional()
  @IsIn(SMM_TRANSPORTS)
  transport?: SmmTransport;

  @ApiPropertyOptional({
    default: false,
    description:
      'The provider honours an `idempotency_key` on add (another smm-gateway does): every order is ' +
      'sent with one, and an ambiguous outcome is resolved by resending with the same key',
  })
  @IsOptional()
  @IsBoolean()
  idempotentAdd?: boolean;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '50',
    description:
      'provider.balance_low (operator webhook) is sent once each time a balance refresh finds the balance fallen below this; null: never',
  })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @Matches(/^(0|[1-9]\d{0,17})(\.\d{1,12})?$/, {
    message: 'balanceLowThreshold must be a non-negative decimal string or null',
  })
  balanceLowThreshold?: string | null;
}

/** Every field optional; a new apiUrl, apiKey, currency or transport is checked against the upstream first. */
export class UpdateProviderDto extends PartialType(CreateProviderDto) {}

export class ProviderDto {
  @ApiProperty({ example: 1 })
  id: number;

  @ApiProperty({ example: 'JoySMM' })
  name: string;

  @ApiProperty({ example: 'https://panel.example/api/v2' })
  apiUrl: string;

  @ApiProperty({ example: '9f3a', description: 'The last 4 characters of the API key' })
  apiKeyLast4: string;

  @ApiProperty({ example: 'USD' })
  currency: string;

  @ApiProperty({ example: 0, description: 'Higher wins a tie on cost' })
  priority: number;

  @ApiProperty()
  enabled: boolean;

  @ApiProperty({ example: 10000 })
  timeoutMs: number;

  @ApiProperty({ enum: SMM_TRANSPORTS, example: 'form' })
  transport: SmmTransport;

  @ApiProperty({ description: 'Orders are sent with an idempotency key (see createProvider)' })
  idempotentAdd: boolean;

  @ApiProperty({
    type: String,
    nullable: true,
    example: '100.84292',
    description: 'Last known upstream balance (decimal string, provider currency)',
  })
  balance: string | null;

  @ApiProperty({ type: String, nullable: true, example: '50' })
  balanceLowThreshold: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  balanceCheckedAt: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Why the last balance refresh failed' })
  balanceError: string | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Out of rotation until then',
  })
  ejectedUntil: string | null;

  @ApiProperty({ type: String, nullable: true })
  ejectionReason: string | null;

  @ApiProperty({ type: ProviderHealthDto })
  health: ProviderHealthDto;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  lastSyncAttemptAt: string | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Last successful sync',
  })
  lastSyncedAt: string | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Offers received by the last successful sync',
  })
  lastSyncCount: number | null;

  @ApiProperty({ type: String, nullable: true, description: 'Why the last sync failed' })
  lastSyncError: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;

  @ApiProperty({ type: String, format: 'date-time' })
  updatedAt: string;
}

export class EjectProviderDto {
  @ApiPropertyOptional({
    minimum: 1,
    maximum: 604800,
    description: 'How long; absent: until restored by hand',
    example: 600,
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(604_800)
  seconds?: number;

  @ApiPropertyOptional({ maxLength: 200, example: 'maintenance announced by the panel' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  reason?: string;
}
