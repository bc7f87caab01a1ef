import type { MigrationInterface, QueryRunner } from 'typeorm';
import { columnTypes } from '../column-types.js';

/**
 * The status sweep (order-polls.repository.ts) leases each upstream's due open orders oldest
 * first: an index on (provider_id, next_poll_at) of just the pollable orders gives them in that
 * order, where the (status, next_poll_at) index made PostgreSQL scan and sort every due order
 * for each lease.
 * On PostgreSQL the orders table also keeps 20% of each page free (fillfactor 80, for pages
 * written from now on), so that a lease, which sets only the unindexed leased_until, is a HOT
 * update (no index entries) and the status write after it finds room on the same page.
 */
export class OrdersDueIndex1765412000000 implements MigrationInterface {
  name = 'OrdersDueIndex1765412000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX "IDX_orders_due" ON orders (provider_id, next_poll_at)
        WHERE status IN ('pending', 'in_progress') AND upstream_order_id IS NOT NULL`,
    );
    if (columnTypes(q).postgres) await q.query('ALTER TABLE orders SET (fillfactor = 80)');
  }

  async down(q: QueryRunner): Promise<void> {
    if (columnTypes(q).postgres) await q.query('ALTER TABLE orders RESET (fillfactor)');
    await q.query('DROP INDEX "IDX_orders_due"');
  }
}
