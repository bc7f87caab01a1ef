import { QueryFailedError } from 'typeorm';

/** True when a write failed on a UNIQUE constraint, on PostgreSQL (23505) or SQLite. */
export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = error.driverError as { code?: unknown } | undefined;
  const code = driverError?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

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
