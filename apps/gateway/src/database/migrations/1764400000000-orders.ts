import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columnTypes } from '../column-types.js';

export class Orders1764400000000 implements MigrationInterface {
  name = 'Orders1764400000000';

  async up(q: QueryRunner): Promise<void> {
    const t = columnTypes(q);
    const createdUpdated = [
      { name: 'created_at', type: t.timestamp, default: 'CURRENT_TIMESTAMP' },
      { name: 'updated_at', type: t.timestamp, default: 'CURRENT_TIMESTAMP' },
    ];
    await q.createTable(
      new Table({
        name: 'orders',
        columns: [
          { name: 'id', ...t.autoId },
          { name: 'partner_id', type: 'integer' },
          { name: 'service_id', type: 'integer' },
          { name: 'service_type', type: 'varchar', length: '50' },
          { name: 'status', type: 'varchar', length: '30' },
          { name: 'link', type: 'text', isNullable: true },
          { name: 'quantity', type: 'integer' },
          { name: 'runs', type: 'integer', isNullable: true },
          { name: 'interval', type: 'integer', isNullable: true },
          { name: 'params', type: 'text' },
          { name: 'charge', type: t.money },
          { name: 'currency', type: 'varchar', length: '3' },
          { name: 'refunded', type: t.money, default: "'0'" },
          { name: 'provider_id', type: 'integer', isNullable: true },
          { name: 'upstream_service_id', type: 'varchar', length: '100', isNullable: true },
          { name: 'upstream_order_id', type: 'varchar', length: '100', isNullable: true },
          { name: 'can_refill', type: 'boolean', default: false },
          { name: 'can_cancel', type: 'boolean', default: false },
          { name: 'start_count', type: 'integer', isNullable: true },
          { name: 'remains', type: 'integer', isNullable: true },
          { name: 'upstream_status', type: 'varchar', length: '100', isNullable: true },
          { name: 'status_reason', type: 'text', isNullable: true },
          { name: 'status_checked_at', type: t.timestamp, isNullable: true },
          { name: 'next_poll_at', type: t.timestamp, isNullable: true },
          { name: 'poll_count', type: 'integer', default: 0 },
          { name: 'leased_until', type: t.timestamp, isNullable: true },
          { name: 'stuck_at', type: t.timestamp, isNullable: true },
          { name: 'idempotency_key', type: 'varchar', length: '255', isNullable: true },
          ...createdUpdated,
        ],
        indices: [
          { columnNames: ['partner_id', 'id'] },
          { columnNames: ['status', 'next_poll_at'] },
          { columnNames: ['provider_id', 'upstream_order_id'] },
          { columnNames: ['created_at'] },
          { columnNames: ['partner_id', 'idempotency_key'], isUnique: true },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'order_attempts',
        columns: [
          { name: 'id', ...t.autoId },
          { name: 'order_id', type: 'integer' },
          { name: 'attempt_no', type: 'integer' },
          { name: 'provider_id', type: 'integer' },
          { name: 'upstream_service_id', type: 'varchar', length: '100' },
          { name: 'cost', type: t.money },
          { name: 'outcome', type: 'varchar', length: '20' },
          { name: 'reason', type: 'varchar', length: '50', isNullable: true },
          { name: 'message', type: 'text', isNullable: true },
          { name: 'upstream_order_id', type: 'varchar', length: '100', isNullable: true },
          { name: 'created_at', type: t.timestamp, default: 'CURRENT_TIMESTAMP' },
          { name: 'finished_at', type: t.timestamp, isNullable: true },
        ],
        indices: [
          { columnNames: ['order_id', 'attempt_no'], isUnique: true },
          { columnNames: ['outcome'] },
        ],
        foreignKeys: [
          {
            columnNames: ['order_id'],
            referencedTableName: 'orders',
            referencedColumnNames: ['id'],
          },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'refills',
        columns: [
          { name: 'id', ...t.autoId },
          { name: 'order_id', type: 'integer' },
          { name: 'partner_id', type: 'integer' },
          { name: 'provider_id', type: 'integer' },
          { name: 'upstream_refill_id', type: 'varchar', length: '100' },
          { name: 'status', type: 'varchar', length: '20' },
          { name: 'upstream_status', type: 'varchar', length: '100', isNullable: true },
          { name: 'next_poll_at', type: t.timestamp, isNullable: true },
          { name: 'poll_count', type: 'integer', default: 0 },
          ...createdUpdated,
        ],
        indices: [
          { columnNames: ['partner_id', 'id'] },
          { columnNames: ['status', 'next_poll_at'] },
        ],
        foreignKeys: [
          {
            columnNames: ['order_id'],
            referencedTableName: 'orders',
            referencedColumnNames: ['id'],
          },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'idempotency_keys',
        columns: [
          { name: 'id', ...t.autoId },
          { name: 'partner_id', type: 'integer' },
          { name: 'key', type: 'varchar', length: '255' },
          { name: 'request_hash', type: 'varchar', length: '64' },
          { name: 'state', type: 'varchar', length: '20' },
          { name: 'response_status', type: 'integer', isNullable: true },
          { name: 'response_body', type: 'text', isNullable: true },
          { name: 'created_at', type: t.timestamp, default: 'CURRENT_TIMESTAMP' },
          { name: 'expires_at', type: t.timestamp },
        ],
        indices: [
          { columnNames: ['partner_id', 'key'], isUnique: true },
          { columnNames: ['expires_at'] },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['idempotency_keys', 'refills', 'order_attempts', 'orders'])
      await q.dropTable(table);
  }
}
