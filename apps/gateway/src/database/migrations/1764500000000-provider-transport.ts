import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

/** Per-provider request encoding (form POST, query-string GET or JSON) for the odd panel. */
export class ProviderTransport1764500000000 implements MigrationInterface {
  name = 'ProviderTransport1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn(
      'providers',
      new TableColumn({ name: 'transport', type: 'varchar', length: '10', default: "'form'" }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('providers', 'transport');
  }
}
