import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/auth.decorators.js';
import { HealthService } from './health.service.js';
import { LivenessDto, ReadinessDto } from './health.dto.js';
import { Endpoint } from '../common/http/endpoint.js';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  // The process is up and serving HTTP.
  @Get('live')
  @Endpoint({ summary: 'Liveness probe', type: LivenessDto })
  getLiveness(): LivenessDto {
    return { status: 'ok' };
  }

  // The database answers and every migration is applied; 503 problem otherwise.
  @Get('ready')
  @Endpoint({
    summary: 'Readiness probe',
    type: ReadinessDto,
    errors: { not_ready: 'the database is unreachable or migrations are pending' },
  })
  getReadiness(): Promise<ReadinessDto> {
    return this.health.readiness();
  }
}
