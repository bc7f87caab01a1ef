/**
 * True for SQLite's "database is locked" (SQLITE_BUSY*): another process held the write lock for
 * longer than the busy timeout. Nothing of the failed transaction was applied, so running it again
 * is safe.
 */
export function isLockTimeout(error: unknown): boolean {
  const driver = (error as { driverError?: { code?: unknown } } | null)?.driverError;
  const code = driver?.code ?? (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

/**
 * Runs a write again when it lost the database lock to another process (up to `attempts` times
 * in all): a status already fetched from an upstream is written, not thrown away and polled again.
 */
export async function retryOnLockTimeout<T>(work: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts || !isLockTimeout(error)) throw error;
    }
  }
}
