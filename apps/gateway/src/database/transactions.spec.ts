import type { DataSource } from 'typeorm';
import { Transactions } from './transactions.js';

const fakeSource = (type: string) => ({ options: { type } }) as unknown as DataSource;

describe('Transactions.lockForUpdate', () => {
  it('is a TypeORM `lock` find option on PostgreSQL', () => {
    expect(new Transactions(fakeSource('postgres')).lockForUpdate).toEqual({
      lock: { mode: 'pessimistic_write' },
    });
  });

  it('adds nothing on SQLite, whose transactions are already serialized', () => {
    expect(new Transactions(fakeSource('better-sqlite3')).lockForUpdate).toEqual({});
  });
});
