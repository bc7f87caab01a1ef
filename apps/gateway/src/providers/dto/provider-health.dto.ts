import { ApiProperty } from '@nestjs/swagger';

/** A provider's place in rotation (outlier ejection, or an admin's). */
export class ProviderHealthDto {
  @ApiProperty({
    enum: ['in_rotation', 'ejected', 'disabled'],
    description:
      'ejected: out of routing (save as the last resort) until a balance probe succeeds after `until`, or an admin restores it',
  })
  state: 'in_rotation' | 'ejected' | 'disabled';

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When the current ejection began',
  })
  since: string | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'The earliest it can return (after a successful probe)',
  })
  until: string | null;

  @ApiProperty({ type: String, nullable: true, example: '5 consecutive failed or ambiguous calls' })
  reason: string | null;

  @ApiProperty({ description: 'Ejected by an admin: only a restore brings it back' })
  manual: boolean;

  @ApiProperty({ description: 'Ejections in a row; the next lasts base × 2^this (capped)' })
  recentEjections: number;
}
