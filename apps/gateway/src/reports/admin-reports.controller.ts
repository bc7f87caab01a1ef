import { Get, Headers, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AdminController } from '../common/http/admin-route.js';
import { GroupedReportQueryDto, ReportRangeQueryDto } from './dto/report-query.dto.js';
import { MarginReportDto, SavingsReportDto, UpstreamSpendReportDto } from './dto/report.dto.js';
import { ApiReport, respond } from './report-response.js';
import { marginTable, savingsTable, upstreamSpendTable } from './report-tables.js';
import { ReportsService } from './reports.service.js';

/** The operator's money view: margin, what routing saved, what upstreams charged. */
@AdminController('admin: reports')
@ApiProduces('application/json', 'text/csv')
export class AdminReportsController {
  constructor(private readonly reports: ReportsService) {}

  /** Per group: orders, revenue (per partner currency and in the base currency), upstream cost, margin. */
  @Get('reports/margin')
  @ApiOperation({ operationId: 'getMarginReport', summary: 'Margin report' })
  @ApiReport(MarginReportDto)
  async getMarginReport(
    @Query() query: GroupedReportQueryDto,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<MarginReportDto | string> {
    return respond(reply, accept, await this.reports.margin(query), marginTable, 'margin');
  }

  /** What the chosen offers cost against the next-best and the most expensive eligible offers. */
  @Get('reports/savings')
  @ApiOperation({ operationId: 'getSavingsReport', summary: 'Routing savings report' })
  @ApiReport(SavingsReportDto)
  async getSavingsReport(
    @Query() query: GroupedReportQueryDto,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SavingsReportDto | string> {
    return respond(reply, accept, await this.reports.savings(query), savingsTable, 'savings');
  }

  /** Per provider: expected and reported spend, mismatched orders, observed balance drift. */
  @Get('reports/upstream-spend')
  @ApiOperation({ operationId: 'getUpstreamSpendReport', summary: 'Upstream spend report' })
  @ApiReport(UpstreamSpendReportDto)
  async getUpstreamSpendReport(
    @Query() query: ReportRangeQueryDto,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<UpstreamSpendReportDto | string> {
    const report = await this.reports.upstreamSpend(query);
    return respond(reply, accept, report, upstreamSpendTable, 'upstream-spend');
  }
}
