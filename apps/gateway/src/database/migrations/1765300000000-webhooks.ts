import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columnTypes } from '../column-types.js';

/**
 * Webhooks (docs/webhooks.md): endpoints (a partner's, or the operator's when partner_id is
 * null); the outbox of events, written in the transaction of the change they report; one
 * delivery per event and endpoint, claimed by the delivery job. Thresholds for the balance
 * events live beside the balances they watch (wallets, providers).
 */
export class Webhooks1765300000000 implements MigrationInterface {
  name = 'Webhooks1765300000000';

  async up(q: QueryRunner): Promise<void> {
    const t = columnTypes(q);
    await q.createTable(
      new Table({
        name: 'webhook_endpoints',
        columns: [
          { name: 'id', ...t.autoId },
          { name: 'partner_id', type: 'integer', isNullable: true },
          { name: 'url', type: 'varchar', length: '2048' },
          { name: 'description', type: 'varchar', length: '500', isNullable: true },
          { name: 'events', type: t.json, isNullable: true },
          { name: 'secret', type: 'varchar', length: '300' },
          { name: 'previous_secret', type: 'varchar', length: '300', isNullable: true },
          { name: 'previous_secret_until', type: t.timestamp, isNullable: true },
          { name: 'price_change_percent', type: t.money, isNullable: true },
          { name: 'enabled', type: 'boolean', default: true },
          { name: 'failing_since', type: t.timestamp, isNullable: true },
          { name: 'disabled_reason', type: 'varchar', length: '200', isNullable: true },
          { name: 'created_at', type: t.timestamp },
          { name: 'updated_at', type: t.timestamp },
        ],
        indices: [new TableIndex({ columnNames: ['partner_id', 'enabled'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'webhook_events',
        columns: [
          { name: 'id', ...t.autoId },
          { name: 'partner_id', type: 'integer', isNullable: true },
          { name: 'type', type: 'varchar', length: '64' },
          { name: 'data', type: t.json },
          { name: 'created_at', type: t.timestamp },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'webhook_deliveries',
        columns: [
          { name: 'id', ...t.autoId },
          { name: 'endpoint_id', type: 'integer' },
          { name: 'event_id', type: 'integer' },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'attempts', type: 'integer', default: 0 },
          { name: 'next_attempt_at', type: t.timestamp, isNullable: true },
          { name: 'lease_until', type: t.timestamp, isNullable: true },
          { name: 'last_status_code', type: 'integer', isNullable: true },
          { name: 'last_duration_ms', type: 'integer', isNullable: true },
          { name: 'last_error', type: 'varchar', length: '300', isNullable: true },
          { name: 'delivered_at', type: t.timestamp, isNullable: true },
          { name: 'created_at', type: t.timestamp },
          { name: 'updated_at', type: t.timestamp },
        ],
        indices: [
          new TableIndex({ columnNames: ['status', 'next_attempt_at'] }),
          new TableIndex({ columnNames: ['endpoint_id', 'id'] }),
        ],
      }),
    );
    // Plain ALTER TABLE … ADD COLUMN on both engines (TypeORM's addColumn rebuilds a SQLite table).
    await q.query(`ALTER TABLE wallets ADD COLUMN low_balance_threshold ${t.money} NULL`);
    await q.query(`ALTER TABLE providers ADD COLUMN balance_low_threshold ${t.money} NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE providers DROP COLUMN balance_low_threshold');
    await q.query('ALTER TABLE wallets DROP COLUMN low_balance_threshold');
    await q.dropTable('webhook_deliveries');
    await q.dropTable('webhook_events');
    await q.dropTable('webhook_endpoints');
  }
}
