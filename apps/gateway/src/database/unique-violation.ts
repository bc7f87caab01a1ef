import { isUniqueViolation } from './sql-dialect.js';

export { isUniqueViolation };

/**
 * Runs a create-or-update again when a concurrent caller created the same row first (the unique
 * index refused ours): the next run reads that row and updates it. So first-time upserts racing
 * on PostgreSQL all succeed, as they already do on SQLite, where transactions are serialized.
 */
export async function retryOnUniqueViolation<T>(work: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts || !isUniqueViolation(error)) throw error;
    }
  }
}
