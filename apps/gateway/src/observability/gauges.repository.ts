import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/** The order statuses the open-orders gauge counts. */
export const OPEN_STATUSES = ['placing', 'pending', 'in_progress', 'needs_reconciliation'];

export interface GaugeProviderRow {
  id: number;
  enabled: boolean | number;
  ejected_until: Date | string | null;
  balance: string | null;
  currency: string;
}

/** The three small reads behind the database-backed gauges. */
@Injectable()
export class GaugesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Open orders by status. */
  async openOrders(): Promise<Map<string, number>> {
    const list = OPEN_STATUSES.map((s) => `'${s}'`).join(', ');
    const counts = (await this.dataSource.query(
      `SELECT status, COUNT(*) AS n FROM orders WHERE status IN (${list}) GROUP BY status`,
    )) as { status: string; n: string | number }[];
    return new Map(counts.map((c) => [c.status, Number(c.n)]));
  }

  /** The earliest poll time of an open order with an upstream id (null when none). */
  async earliestPoll(): Promise<Date | string | null> {
    const rows = (await this.dataSource.query(
      `SELECT MIN(next_poll_at) AS due FROM orders WHERE status IN ('pending', 'in_progress') ` +
        `AND upstream_order_id IS NOT NULL AND next_poll_at IS NOT NULL`,
    )) as { due: Date | string | null }[];
    return rows[0]?.due ?? null;
  }

  providers(): Promise<GaugeProviderRow[]> {
    return this.dataSource.query(
      'SELECT id, enabled, ejected_until, balance, currency FROM providers',
    ) as Promise<GaugeProviderRow[]>;
  }
}
