import { ReportsRepository } from './reports.repository.js';
import { Module } from '@nestjs/common';
import { AdminReportsController } from './admin-reports.controller.js';
import { PartnerReportsController } from './partner-reports.controller.js';
import { ReportsService } from './reports.service.js';

/** Margin, savings and upstream-spend aggregates in SQL, and partners' own spend (docs/reports.md). */
@Module({
  controllers: [AdminReportsController, PartnerReportsController],
  providers: [ReportsService, ReportsRepository],
})
export class ReportsModule {}
