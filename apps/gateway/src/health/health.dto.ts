import { ApiProperty } from '@nestjs/swagger';

export class LivenessDto {
  @ApiProperty({ example: 'ok' })
  status: 'ok';
}

export class ReadinessChecksDto {
  @ApiProperty({ enum: ['up', 'down'] })
  database: 'up' | 'down';

  @ApiProperty({ enum: ['applied', 'pending', 'unknown'] })
  migrations: 'applied' | 'pending' | 'unknown';
}

export class ReadinessDto {
  @ApiProperty({ example: 'ready' })
  status: 'ready';

  @ApiProperty({ type: ReadinessChecksDto })
  checks: ReadinessChecksDto;
}
