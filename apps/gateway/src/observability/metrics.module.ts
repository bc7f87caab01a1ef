import { Global, Module } from '@nestjs/common';
import { Metrics } from './metrics.js';
import { MetricsController } from './metrics.controller.js';
import { GaugesRepository } from './gauges.repository.js';
import { ScrapeGauges } from './scrape-gauges.js';

/** Prometheus metrics: the registry every module records into, and GET /metrics. */
@Global()
@Module({
  controllers: [MetricsController],
  providers: [Metrics, ScrapeGauges, GaugesRepository],
  exports: [Metrics],
})
export class MetricsModule {}
