import { QueryFailedError } from 'typeorm';
import { isLockTimeout, retryOnLockTimeout } from './lock-retry.js';

const busy = () =>
  new QueryFailedError(
    'UPDATE orders …',
    [],
    Object.assign(new Error('database is locked'), {
      code: 'SQLITE_BUSY',
    }),
  );

describe('retryOnLockTimeout', () => {
  it('recognizes SQLite lock timeouts only', () => {
    expect(isLockTimeout(busy())).toBe(true);
    expect(isLockTimeout(Object.assign(new Error('x'), { code: 'SQLITE_BUSY_SNAPSHOT' }))).toBe(
      true,
    );
    expect(isLockTimeout(new Error('database is locked'))).toBe(false);
    expect(isLockTimeout(Object.assign(new Error('x'), { code: 'SQLITE_CONSTRAINT' }))).toBe(false);
    expect(isLockTimeout(null)).toBe(false);
  });

  it('runs the work again after a lock timeout, up to the number of attempts', async () => {
    let calls = 0;
    await expect(
      retryOnLockTimeout(async () => {
        calls += 1;
        if (calls < 3) throw busy();
        return 'written';
      }),
    ).resolves.toBe('written');
    expect(calls).toBe(3);

    calls = 0;
    await expect(
      retryOnLockTimeout(async () => {
        calls += 1;
        throw busy();
      }, 2),
    ).rejects.toBeInstanceOf(QueryFailedError);
    expect(calls).toBe(2);
  });

  it('does not run the work again for any other error', async () => {
    let calls = 0;
    await expect(
      retryOnLockTimeout(async () => {
        calls += 1;
        throw new Error('no such column');
      }),
    ).rejects.toThrow('no such column');
    expect(calls).toBe(1);
  });
});
