import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';

import { Metrics } from './metrics.js';
import { ScrapeGauges } from './scrape-gauges.js';
import { Endpoint } from '../common/http/endpoint.js';

/**
 * The Prometheus scrape target; an operator token with `metrics:read` (or `admin`) reads it.
 * Not in the OpenAPI document: it is the Prometheus text format for a scraper, not an API
 * (README, "Operating it", describes it).
 */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: Metrics,
    private readonly gauges: ScrapeGauges,
  ) {}

  @Get()
  @Endpoint({ summary: 'Prometheus metrics', auth: { scope: 'metrics:read' } })
  @Header('Cache-Control', 'no-store')
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  async getMetrics(): Promise<string> {
    await this.gauges.refresh();
    return this.metrics.registry.metrics();
  }
}
