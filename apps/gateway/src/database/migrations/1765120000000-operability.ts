import { Table, TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columnTypes } from '../column-types.js';

/**
 * Upstream ejection state (since when, how many recent ejections, set by hand or not) and the
 * shared request counters used on PostgreSQL so every process enforces one budget.
 */
export class Operability1765120000000 implements MigrationInterface {
  name = 'Operability1765120000000';

  async up(q: QueryRunner): Promise<void> {
    const t = columnTypes(q);
    await q.addColumns('providers', [
      new TableColumn({ name: 'ejected_at', type: t.timestamp, isNullable: true }),
      new TableColumn({ name: 'ejection_count', type: 'integer', default: 0 }),
      new TableColumn({ name: 'ejection_manual', type: 'boolean', default: false }),
    ]);
    await q.createTable(
      new Table({
        name: 'rate_limit_counters',
        columns: [
          { name: 'key', type: 'varchar', length: '200', isPrimary: true },
          { name: 'window_start', type: 'bigint' },
          { name: 'hits', type: 'integer' },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('rate_limit_counters');
    for (const column of ['ejection_manual', 'ejection_count', 'ejected_at']) {
      await q.dropColumn('providers', column);
    }
  }
}
