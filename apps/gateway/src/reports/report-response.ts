import type { FastifyReply } from 'fastify';
import { toCsv, wantsCsv, type Table } from './csv.js';

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
