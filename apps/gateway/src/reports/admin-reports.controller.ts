import { Get, Headers, Query, Res } from '@nestjs/common';
import { ApiProduces } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AdminController } from '../common/http/admin-route.js';
import { Endpoint } from '../common/http/endpoint.js';
import { GroupedReportQueryDto, ReportRangeQueryDto } from './dto/report-query.dto.js';
import { MarginReportDto, SavingsReportDto, UpstreamSpendReportDto } from './dto/report.dto.js';
import { respond } from './report-response.js';
import { marginTable, savingsTable, upstreamSpendTable } from './report-tables.js';
import { ReportsService } from './reports.service.js';

/** The operator's money view: margin, what routing saved, what upstreams charged. */
@AdminController('admin: reports')
@ApiProduces('application/json', 'text/csv')
export class AdminReportsController {
  constructor(private readonly reports: ReportsService) {}

  // Per group: orders, revenue (per partner currency and in the base currency), upstream cost, margin.
  @Get('reports/margin')
  @Endpoint({
    summary: 'Margin report',
    type: MarginReportDto,
    alsoAs: ['text/csv'],
    errors: {
      report_range_required:
        'from and to are required above REPORT_RANGE_REQUIRED_ABOVE_ORDERS orders',
    },
  })
  async getMarginReport(
    @Query() query: GroupedReportQueryDto,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<MarginReportDto | string> {
    return respond(reply, accept, await this.reports.margin(query), marginTable, 'margin');
  }

  // What the chosen offers cost against the next-best and the most expensive eligible offers.
  @Get('reports/savings')
  @Endpoint({
    summary: 'Routing savings report',
    type: SavingsReportDto,
    alsoAs: ['text/csv'],
    errors: {
      report_range_required:
        'from and to are required above REPORT_RANGE_REQUIRED_ABOVE_ORDERS orders',
    },
  })
  async getSavingsReport(
    @Query() query: GroupedReportQueryDto,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SavingsReportDto | string> {
    return respond(reply, accept, await this.reports.savings(query), savingsTable, 'savings');
  }

  // Per provider: expected and reported spend, mismatched orders, observed balance drift.
  @Get('reports/upstream-spend')
  @Endpoint({
    summary: 'Upstream spend report',
    type: UpstreamSpendReportDto,
    alsoAs: ['text/csv'],
    errors: {
      report_range_required:
        'from and to are required above REPORT_RANGE_REQUIRED_ABOVE_ORDERS orders',
    },
  })
  async getUpstreamSpendReport(
    @Query() query: ReportRangeQueryDto,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<UpstreamSpendReportDto | string> {
    const report = await this.reports.upstreamSpend(query);
    return respond(reply, accept, report, upstreamSpendTable, 'upstream-spend');
  }
}
