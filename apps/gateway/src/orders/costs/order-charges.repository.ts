import { Injectable } from '@nestjs/common';
import { SqlDialect } from '../../database/sql-dialect.js';
import { Transactions } from '../../database/transactions.js';

/** An order's recorded costs and upstream charge, as the charge audit compares them. */
export interface RecordedCharge {
  id: number;
  provider_id: number | null;
  quantity: number;
  runs: number | null;
  upstream_cost: string | null;
  upstream_cost_net: string | null;
  upstream_currency: string | null;
  upstream_charge: string | null;
  charge_mismatch: boolean | number;
}

/** A change of an order's upstream charge columns. */
export interface ChargeChange {
  id: number;
  charge: string | null;
  net: string;
  mismatch: boolean;
}

/** Bound values per statement stay far below either engine's limit. */
export const CHARGE_ROWS_PER_STATEMENT = 500;

/** The SQL of the upstream charge audit over the orders table (read and bulk write). */
@Injectable()
export class OrderChargesRepository {
  constructor(
    private readonly sql: SqlDialect,
    private readonly transactions: Transactions,
  ) {}

  /** The charge columns of these orders (at most CHARGE_ROWS_PER_STATEMENT ids), by id. */
  async recorded(ids: number[]): Promise<Map<number, RecordedCharge>> {
    const p = this.sql.binder();
    const list = ids.map((id) => p.add(id)).join(', ');
    const rows: RecordedCharge[] = await this.transactions.statement((m) =>
      m.query(
        `SELECT id, provider_id, quantity, runs, upstream_cost, upstream_cost_net,
          upstream_currency, upstream_charge, charge_mismatch FROM orders WHERE id IN (${list})`,
        p.values,
      ),
    );
    return new Map(rows.map((r) => [Number(r.id), r]));
  }

  /** Writes the changes, one statement per CHARGE_ROWS_PER_STATEMENT rows. */
  async write(changes: ChargeChange[]): Promise<void> {
    const p = this.sql.binder();
    const rows = changes.map(
      (c) =>
        `(${p.add(c.id, 'integer')}, ${p.add(c.charge, 'numeric')}, ${p.add(c.net, 'numeric')}, ` +
        `${p.add(c.mismatch ? 1 : 0, 'integer')})`,
    );
    await this.transactions.run((m) =>
      m.query(
        `WITH v(id, charge, net, mismatch) AS (VALUES ${rows.join(', ')})
        UPDATE orders SET upstream_charge = v.charge, upstream_cost_net = v.net,
          charge_mismatch = (v.mismatch = 1)
        FROM v WHERE orders.id = v.id`,
        p.values,
      ),
    );
  }
}
