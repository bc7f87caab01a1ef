import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { RequireScopes } from '../auth/auth.decorators.js';
import { Metrics } from './metrics.js';
import { ScrapeGauges } from './scrape-gauges.js';

/** The Prometheus scrape target; an operator token with `metrics:read` (or `admin`) reads it. */
@ApiTags('admin: metrics')
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: Metrics,
    private readonly gauges: ScrapeGauges,
  ) {}

  @Get()
  @RequireScopes('metrics:read')
  @Header('Cache-Control', 'no-store')
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  @ApiOperation({
    operationId: 'getMetrics',
    summary: 'Read the Prometheus metrics',
    description:
      'Prometheus text exposition format 0.0.4: process and Node metrics, and the smmgw_* metrics described in the README ("Operating it"). Gauges that need a query are refreshed at most every 5 s.',
  })
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'The metrics', schema: { type: 'string' } })
  async getMetrics(): Promise<string> {
    await this.gauges.refresh();
    return this.metrics.registry.metrics();
  }
}
