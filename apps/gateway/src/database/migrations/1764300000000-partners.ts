import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columnTypes } from '../column-types.js';

/** Partners, their wallets and append-only ledgers, and issued tokens. */
export class Partners1764300000000 implements MigrationInterface {
  name = 'Partners1764300000000';

  async up(q: QueryRunner): Promise<void> {
    const t = columnTypes(q);
    const createdAt = { name: 'created_at', type: t.timestamp, default: 'CURRENT_TIMESTAMP' };
    await q.createTable(
      new Table({
        name: 'partners',
        columns: [
          { name: 'id', ...t.autoId },
          { name: 'name', type: 'varchar', length: '100' },
          { name: 'currency', type: 'varchar', length: '3' },
          { name: 'markup_percent', type: t.money },
          { name: 'requests_per_minute', type: 'integer', isNullable: true },
          { name: 'status', type: 'varchar', length: '20' },
          { name: 'suspended_at', type: t.timestamp, isNullable: true },
          createdAt,
          { name: 'updated_at', type: t.timestamp, default: 'CURRENT_TIMESTAMP' },
        ],
        indices: [{ name: 'UQ_partners_name', columnNames: ['name'], isUnique: true }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'wallets',
        columns: [
          { name: 'partner_id', type: 'integer', isPrimary: true },
          { name: 'currency', type: 'varchar', length: '3' },
          { name: 'balance', type: t.money },
          { name: 'updated_at', type: t.timestamp, default: 'CURRENT_TIMESTAMP' },
        ],
        foreignKeys: [
          {
            columnNames: ['partner_id'],
            referencedTableName: 'partners',
            referencedColumnNames: ['id'],
          },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'ledger_entries',
        columns: [
          { name: 'id', ...t.autoId },
          { name: 'partner_id', type: 'integer' },
          { name: 'kind', type: 'varchar', length: '20' },
          { name: 'amount', type: t.money },
          { name: 'balance_after', type: t.money },
          { name: 'currency', type: 'varchar', length: '3' },
          { name: 'reason', type: 'varchar', length: '500' },
          { name: 'reference_type', type: 'varchar', length: '50' },
          { name: 'reference_id', type: 'varchar', length: '100' },
          { name: 'movement_key', type: 'varchar', length: '200' },
          { name: 'actor', type: 'varchar', length: '200', isNullable: true },
          createdAt,
        ],
        indices: [
          { name: 'UQ_ledger_entries_movement_key', columnNames: ['movement_key'], isUnique: true },
          { name: 'IDX_ledger_entries_partner', columnNames: ['partner_id', 'id'] },
          { name: 'IDX_ledger_entries_reference', columnNames: ['reference_type', 'reference_id'] },
        ],
        foreignKeys: [
          {
            columnNames: ['partner_id'],
            referencedTableName: 'partners',
            referencedColumnNames: ['id'],
          },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'api_tokens',
        columns: [
          { name: 'id', ...t.autoId },
          { name: 'partner_id', type: 'integer', isNullable: true },
          { name: 'name', type: 'varchar', length: '100', isNullable: true },
          { name: 'scopes', type: t.json },
          { name: 'token_hash', type: 'varchar', length: '64' },
          { name: 'last4', type: 'varchar', length: '4' },
          { name: 'created_by', type: 'varchar', length: '200' },
          createdAt,
          { name: 'last_used_at', type: t.timestamp, isNullable: true },
          { name: 'expires_at', type: t.timestamp, isNullable: true },
          { name: 'revoked_at', type: t.timestamp, isNullable: true },
          { name: 'rotated_to_id', type: 'integer', isNullable: true },
          { name: 'rotated_from_id', type: 'integer', isNullable: true },
        ],
        indices: [
          { name: 'UQ_api_tokens_token_hash', columnNames: ['token_hash'], isUnique: true },
          { name: 'IDX_api_tokens_partner', columnNames: ['partner_id'] },
        ],
        foreignKeys: [
          {
            columnNames: ['partner_id'],
            referencedTableName: 'partners',
            referencedColumnNames: ['id'],
          },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('api_tokens');
    await q.dropTable('ledger_entries');
    await q.dropTable('wallets');
    await q.dropTable('partners');
  }
}
