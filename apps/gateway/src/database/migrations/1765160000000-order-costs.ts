import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columnTypes } from '../column-types.js';

/**
 * The money view (docs/reports.md): what each order cost upstream, recorded at placement with
 * its attempt and copied onto the order (so reports aggregate one table), what the upstream says
 * it charged, and the balance movements the balance refresh observes. Cost columns are
 * unconstrained NUMERIC on PostgreSQL: a base-currency cost carries up to 27 decimals (rate ×
 * units ÷ 1000 × currency rate) and must stay exact, as it does in SQLite's text.
 */
export class OrderCosts1765160000000 implements MigrationInterface {
  name = 'OrderCosts1765160000000';

  async up(q: QueryRunner): Promise<void> {
    const t = columnTypes(q);
    const exact = t.postgres ? 'numeric' : 'text';
    // Plain ALTER TABLE … ADD COLUMN on both engines: TypeORM's addColumn rebuilds a SQLite table
    // (copying every order), which a large database should not pay for nullable columns.
    const add = async (table: string, columns: [string, string][]) => {
      for (const [name, type] of columns) {
        await q.query(`ALTER TABLE ${table} ADD COLUMN ${name} ${type}`);
      }
    };
    await add('order_attempts', [
      ['upstream_rate', exact],
      ['upstream_currency', 'varchar(3)'],
      ['fx_rate', exact],
      ['upstream_cost', exact],
      ['next_best_cost', exact],
      ['max_cost', exact],
    ]);
    await add('orders', [
      ['charge_fx', exact],
      ['upstream_rate', exact],
      ['upstream_currency', 'varchar(3)'],
      ['upstream_fx', exact],
      ['upstream_cost', exact],
      ['upstream_cost_net', exact],
      ['cost_base', exact],
      ['next_best_cost_base', exact],
      ['max_cost_base', exact],
      ['upstream_charge', exact],
      ['charge_mismatch', `boolean NOT NULL DEFAULT ${t.postgres ? 'false' : '0'}`],
    ]);
    await q.createIndices('orders', [
      new TableIndex({ columnNames: ['charge_mismatch', 'id'] }),
      new TableIndex({ columnNames: ['provider_id', 'created_at'] }),
      new TableIndex({ columnNames: ['service_id', 'created_at'] }),
      new TableIndex({ columnNames: ['partner_id', 'created_at'] }),
    ]);
    await q.createTable(
      new Table({
        name: 'provider_balance_observations',
        columns: [
          { name: 'id', ...t.autoId },
          { name: 'provider_id', type: 'integer' },
          { name: 'balance', type: exact },
          { name: 'currency', type: 'varchar', length: '3' },
          { name: 'observed_at', type: t.timestamp },
        ],
        indices: [{ columnNames: ['provider_id', 'observed_at'] }],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('provider_balance_observations');
    for (const index of [
      ['charge_mismatch', 'id'],
      ['provider_id', 'created_at'],
      ['service_id', 'created_at'],
      ['partner_id', 'created_at'],
    ]) {
      const table = await q.getTable('orders');
      const found = table?.indices.find(
        (i) => i.columnNames.join() === index.join() && !i.isUnique,
      );
      if (found) await q.dropIndex('orders', found);
    }
    const drop = async (table: string, columns: string[]) => {
      for (const c of columns) await q.query(`ALTER TABLE ${table} DROP COLUMN ${c}`);
    };
    await drop('orders', [
      'charge_fx',
      'upstream_rate',
      'upstream_currency',
      'upstream_fx',
      'upstream_cost',
      'upstream_cost_net',
      'cost_base',
      'next_best_cost_base',
      'max_cost_base',
      'upstream_charge',
      'charge_mismatch',
    ]);
    await drop('order_attempts', [
      'upstream_rate',
      'upstream_currency',
      'fx_rate',
      'upstream_cost',
      'next_best_cost',
      'max_cost',
    ]);
  }
}
