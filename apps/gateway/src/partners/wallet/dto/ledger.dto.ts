import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, Length, Matches, ValidateIf } from 'class-validator';
import { MONEY_EXAMPLE, MONEY_PATTERN } from '../../../common/money/money.js';
import { LEDGER_KINDS, type LedgerKind } from '../ledger-entry.entity.js';

export class CreateLedgerEntryDto {
  @ApiProperty({
    example: '100.00',
    description:
      'Decimal string in the partner currency: positive credits the wallet, negative debits it (never below zero)',
  })
  @IsString()
  @Matches(MONEY_PATTERN, { message: 'amount must be a decimal string with at most 12 decimals' })
  @Matches(/[1-9]/, { message: 'amount must not be zero' })
  amount: string;

  @ApiProperty({ example: 'Bank transfer 2026-11-26', maxLength: 500 })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @Length(1, 500)
  reason: string;
}

export class LedgerEntryDto {
  @ApiProperty()
  id: number;

  @ApiProperty()
  partnerId: number;

  @ApiProperty({ enum: LEDGER_KINDS })
  kind: LedgerKind;

  @ApiProperty({ example: '-' + MONEY_EXAMPLE, description: 'Signed: charges are negative' })
  amount: string;

  @ApiProperty({ example: '87.5', description: 'Wallet balance right after this movement' })
  balanceAfter: string;

  @ApiProperty({ example: 'USD' })
  currency: string;

  @ApiProperty()
  reason: string;

  @ApiProperty({ example: 'order' })
  referenceType: string;

  @ApiProperty({ example: '123' })
  referenceId: string;

  @ApiProperty({
    example: 'order:123:charge',
    description: 'Unique: a movement is never written twice',
  })
  key: string;

  @ApiProperty({ type: String, nullable: true })
  actor: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

export class LedgerPageDto {
  @ApiProperty({ type: [LedgerEntryDto] })
  items: LedgerEntryDto[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor: string | null;
}

export class BalanceDto {
  @ApiProperty({ example: '87.5', description: 'Exact decimal string' })
  balance: string;

  @ApiProperty({ example: 'USD' })
  currency: string;

  @ApiProperty({
    type: String,
    nullable: true,
    example: '25',
    description: 'balance.low is sent (once per crossing) when the balance falls below this',
  })
  lowBalanceThreshold: string | null;
}

export class UpdateBalanceAlertDto {
  @ApiProperty({
    type: String,
    nullable: true,
    example: '25',
    description: 'A decimal string ≥ 0 in the wallet currency; null turns the alert off',
  })
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @Matches(/^(0|[1-9]\d{0,17})(\.\d{1,12})?$/, {
    message:
      'lowBalanceThreshold must be a non-negative decimal string (up to 12 decimals) or null',
  })
  lowBalanceThreshold: string | null;
}
