import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columnTypes } from '../column-types.js';

/** Providers, their synced offers and rate history, our services and their mapping, currency rates. */
export class ProvidersCatalog1764200000000 implements MigrationInterface {
  name = 'ProvidersCatalog1764200000000';

  async up(q: QueryRunner): Promise<void> {
    const t = columnTypes(q);
    const ts = (name: string, isNullable = false) => ({ name, type: t.timestamp, isNullable });
    const flag = (name: string) => ({ name, type: 'boolean' });
    await q.createTable(
      new Table({
        name: 'providers',
        columns: [
          { name: 'id', ...t.autoId },
          { name: 'name', type: 'varchar', length: '100', isUnique: true },
          { name: 'api_url', type: 'varchar', length: '500' },
          { name: 'api_key_ciphertext', type: 'text' },
          { name: 'api_key_last4', type: 'varchar', length: '4' },
          { name: 'currency', type: 'varchar', length: '10' },
          { name: 'priority', type: 'integer', default: 0 },
          { name: 'enabled', type: 'boolean', default: true },
          { name: 'timeout_ms', type: 'integer' },
          { name: 'balance', type: t.money, isNullable: true },
          ts('balance_checked_at', true),
          { name: 'balance_error', type: 'varchar', length: '500', isNullable: true },
          ts('ejected_until', true),
          { name: 'ejection_reason', type: 'varchar', length: '500', isNullable: true },
          ts('last_sync_attempt_at', true),
          ts('last_synced_at', true),
          { name: 'last_sync_count', type: 'integer', isNullable: true },
          { name: 'last_sync_error', type: 'varchar', length: '500', isNullable: true },
          { ...ts('created_at'), default: 'CURRENT_TIMESTAMP' },
          { ...ts('updated_at'), default: 'CURRENT_TIMESTAMP' },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'provider_offers',
        columns: [
          { name: 'id', ...t.autoId },
          { name: 'provider_id', type: 'integer' },
          { name: 'upstream_service_id', type: 'varchar', length: '64' },
          { name: 'name', type: 'varchar', length: '500' },
          { name: 'type', type: 'varchar', length: '100' },
          { name: 'category', type: 'varchar', length: '500', isNullable: true },
          { name: 'rate', type: t.money },
          { name: 'min', type: t.bigint },
          { name: 'max', type: t.bigint },
          flag('refill'),
          flag('cancel'),
          flag('dripfeed'),
          { name: 'description', type: 'text', isNullable: true },
          flag('available'),
          ts('first_seen_at'),
          ts('removed_at', true),
          ts('updated_at'),
        ],
        indices: [{ columnNames: ['provider_id', 'upstream_service_id'], isUnique: true }],
        foreignKeys: [
          {
            columnNames: ['provider_id'],
            referencedTableName: 'providers',
            referencedColumnNames: ['id'],
          },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'provider_offer_rate_changes',
        columns: [
          { name: 'id', ...t.autoId },
          { name: 'offer_id', type: 'integer' },
          { name: 'old_rate', type: t.money },
          { name: 'new_rate', type: t.money },
          ts('changed_at'),
        ],
        indices: [{ columnNames: ['offer_id', 'changed_at'] }],
        foreignKeys: [
          {
            columnNames: ['offer_id'],
            referencedTableName: 'provider_offers',
            referencedColumnNames: ['id'],
          },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'services',
        columns: [
          { name: 'id', ...t.autoId },
          { name: 'name', type: 'varchar', length: '200', isUnique: true },
          { name: 'category', type: 'varchar', length: '200' },
          { name: 'type', type: 'varchar', length: '100' },
          { name: 'description', type: 'text', isNullable: true },
          flag('refill'),
          flag('cancel'),
          flag('dripfeed'),
          { name: 'active', type: 'boolean', default: true },
          { ...ts('created_at'), default: 'CURRENT_TIMESTAMP' },
          { ...ts('updated_at'), default: 'CURRENT_TIMESTAMP' },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'service_offers',
        columns: [
          { name: 'id', ...t.autoId },
          { name: 'service_id', type: 'integer' },
          { name: 'offer_id', type: 'integer' },
        ],
        indices: [
          { columnNames: ['service_id', 'offer_id'], isUnique: true },
          { columnNames: ['offer_id'] },
        ],
        foreignKeys: [
          {
            columnNames: ['service_id'],
            referencedTableName: 'services',
            referencedColumnNames: ['id'],
          },
          {
            columnNames: ['offer_id'],
            referencedTableName: 'provider_offers',
            referencedColumnNames: ['id'],
          },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'currency_rates',
        columns: [
          { name: 'code', type: 'varchar', length: '10', isPrimary: true },
          { name: 'rate', type: t.money },
          ts('updated_at'),
        ],
      }),
    );
    // Counters of changes to what routing reads (row 1: offers, services, mapping, rates; row 2:
    // provider state), so every process can tell its in-memory snapshot is stale cheaply.
    await q.createTable(
      new Table({
        name: 'catalog_revision',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true },
          { name: 'revision', type: t.bigint },
        ],
      }),
    );
    await q.query('INSERT INTO catalog_revision (id, revision) VALUES (1, 0), (2, 0)');
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'catalog_revision',
      'currency_rates',
      'service_offers',
      'services',
      'provider_offer_rate_changes',
      'provider_offers',
      'providers',
    ]) {
      await q.dropTable(table);
    }
  }
}
