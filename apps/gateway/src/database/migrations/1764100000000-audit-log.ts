import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columnTypes } from '../column-types.js';

export class AuditLog1764100000000 implements MigrationInterface {
  name = 'AuditLog1764100000000';

  async up(q: QueryRunner): Promise<void> {
    const t = columnTypes(q);
    await q.createTable(
      new Table({
        name: 'audit_log',
        columns: [
          { name: 'id', ...t.autoId },
          { name: 'actor', type: 'varchar', length: '200' },
          { name: 'action', type: 'varchar', length: '100' },
          { name: 'target_type', type: 'varchar', length: '50', isNullable: true },
          { name: 'target_id', type: 'varchar', length: '100', isNullable: true },
          { name: 'details', type: t.json, isNullable: true },
          { name: 'request_id', type: 'varchar', length: '128', isNullable: true },
          { name: 'created_at', type: t.timestamp, default: 'CURRENT_TIMESTAMP' },
        ],
        indices: [{ columnNames: ['created_at'] }, { columnNames: ['target_type', 'target_id'] }],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('audit_log');
  }
}
