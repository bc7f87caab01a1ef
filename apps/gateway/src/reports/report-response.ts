import { applyDecorators, type Type } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiExtraModels,
  ApiOkResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ProblemDto } from '../common/http/problem.dto.js';
import { toCsv, wantsCsv, type Table } from './csv.js';

/** A report answers JSON, or CSV with `Accept: text/csv` (same figures, see report-tables.ts). */
export function ApiReport(dto: Type<unknown>): MethodDecorator {
  return applyDecorators(
    ApiExtraModels(dto),
    ApiOkResponse({
      description: 'JSON by default; CSV (one row per group) with `Accept: text/csv`',
      content: {
        'application/json': { schema: { $ref: getSchemaPath(dto) } },
        'text/csv': { schema: { type: 'string' } },
      },
    }),
    ApiBadRequestResponse({
      type: ProblemDto,
      description:
        'validation_failed (a bad range or groupBy) or report_range_required (from and to are ' +
        'required above REPORT_RANGE_REQUIRED_ABOVE_ORDERS orders)',
    }),
  );
}

/** The report as the caller asked for it. */
export function respond<T>(
  reply: FastifyReply,
  accept: string | undefined,
  report: T,
  table: (report: T) => Table,
  name: string,
): T | string {
  if (!wantsCsv(accept)) return report;
  reply.header('content-type', 'text/csv; charset=utf-8');
  reply.header('content-disposition', `attachment; filename="${name}.csv"`);
  return toCsv(table(report));
}
