import type { MigrationInterface, QueryRunner } from 'typeorm';
import { columnTypes } from '../column-types.js';

/**
 * Counts an upstream reports about an order (start_count, remains) as 64-bit integers: a panel's
 * start_count of 5,000,000,000 views or remains of -99,999,999,999 (over-delivery) made every
 * status write of that order fail on PostgreSQL. SQLite's INTEGER is already 64-bit.
 */
export class Counts64Bit1765090000000 implements MigrationInterface {
  name = 'Counts64Bit1765090000000';

  async up(q: QueryRunner): Promise<void> {
    if (!columnTypes(q).postgres) return;
    await q.query(
      'ALTER TABLE orders ALTER COLUMN start_count TYPE bigint, ALTER COLUMN remains TYPE bigint',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    if (!columnTypes(q).postgres) return;
    await q.query(
      'ALTER TABLE orders ALTER COLUMN start_count TYPE integer, ALTER COLUMN remains TYPE integer',
    );
  }
}
