import type { MigrationInterface, QueryRunner } from 'typeorm';
import { columnTypes } from '../column-types.js';

/**
 * A provider can honour an idempotency key on `add` (another smm-gateway does): the gateway then
 * sends one with every order and resends an ambiguous one with the same key (docs/compat-api-v2.md).
 */
export class IdempotentAdd1765200000000 implements MigrationInterface {
  name = 'IdempotentAdd1765200000000';

  async up(q: QueryRunner): Promise<void> {
    const off = columnTypes(q).postgres ? 'false' : '0';
    await q.query(
      `ALTER TABLE providers ADD COLUMN idempotent_add boolean NOT NULL DEFAULT ${off}`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE providers DROP COLUMN idempotent_add');
  }
}
