import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { RequirePartner } from '../auth/auth.decorators.js';
import { Endpoint } from '../common/http/endpoint.js';
import { CurrentPartnerId } from '../partners/partner-isolation.js';
import { PartnerSpendQueryDto } from './dto/report-query.dto.js';
import { PartnerSpendReportDto } from './dto/report.dto.js';
import { respond } from './report-response.js';
import { partnerSpendTable } from './report-tables.js';
import { ReportsService } from './reports.service.js';

/** A partner's own spend. Never an upstream, cost or margin figure. */
@ApiTags('reports')
@RequirePartner('orders:read')
@Controller('v1')
@ApiProduces('application/json', 'text/csv')
export class PartnerReportsController {
  constructor(private readonly reports: ReportsService) {}

  // The calling partner's orders, spend and refunds, per day or per service.
  @Get('reports/spend')
  @Endpoint({
    summary: 'The calling partner spend report',
    type: PartnerSpendReportDto,
    alsoAs: ['text/csv'],
    errors: {
      report_range_required:
        'from and to are required above REPORT_RANGE_REQUIRED_ABOVE_ORDERS orders',
    },
  })
  async getSpendReport(
    @CurrentPartnerId() partnerId: number,
    @Query() query: PartnerSpendQueryDto,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PartnerSpendReportDto | string> {
    const report = await this.reports.partnerSpend(partnerId, query);
    return respond(reply, accept, report, partnerSpendTable, 'spend');
  }
}
