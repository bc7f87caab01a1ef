import type { EntityManager } from 'typeorm';
import { SqlDialect } from '../database/sql-dialect.js';

/**
 * Every balance the refresh reads is kept (provider_balance_observations): the upstream-spend
 * report compares the balance movement between two observations with the spend the gateway
 * expected over the same time (docs/reports.md). Written in the refresh's own transaction.
 */
export async function recordBalanceObservation(
  manager: EntityManager,
  postgres: boolean,
  o: { providerId: number; balance: string; currency: string; at: Date },
): Promise<void> {
  const sql = new SqlDialect(postgres);
  await manager.query(
    `INSERT INTO provider_balance_observations (provider_id, balance, currency, observed_at)
      VALUES ${sql.row(0, 4)}`,
    [o.providerId, o.balance, o.currency, sql.timestamp(o.at)],
  );
}
