import { DataSource, QueryFailedError } from 'typeorm';
import { PreparedReads } from './prepared-reads.js';

describe('PreparedReads (better-sqlite3, in memory)', () => {
  let dataSource: DataSource;
  let reads: PreparedReads;

  beforeAll(async () => {
    dataSource = new DataSource({ type: 'better-sqlite3', database: ':memory:' });
    await dataSource.initialize();
    await dataSource.query('CREATE TABLE t (id INTEGER PRIMARY KEY, amount TEXT, at DATETIME)');
    await dataSource.query(
      "INSERT INTO t VALUES (1, '0.10000', '2026-12-05 10:00:00'), (2, '12.5', NULL)",
    );
    reads = new PreparedReads(dataSource);
  });
  afterAll(() => dataSource.destroy());

  it('answers the rows TypeORM answers for the same statement and values', async () => {
    const text = 'SELECT * FROM t WHERE id IN (?, ?) ORDER BY id';
    expect(await reads.all(text, [1, 2])).toEqual(await dataSource.query(text, [1, 2]));
    expect(await reads.all(text, [2, 3])).toEqual([{ id: 2, amount: '12.5', at: null }]);
  });

  it('sees rows written since (a prepared statement is not a snapshot)', async () => {
    const text = 'SELECT amount FROM t WHERE id = ?';
    expect(await reads.all(text, [3])).toEqual([]);
    await dataSource.query("INSERT INTO t VALUES (3, '1', NULL)");
    expect(await reads.all(text, [3])).toEqual([{ amount: '1' }]);
  });

  it('fails as a query does: QueryFailedError, for a bad statement or bad values', async () => {
    await expect(reads.all('SELECT nope FROM t', [])).rejects.toBeInstanceOf(QueryFailedError);
    await expect(reads.all('SELECT * FROM t WHERE id = ?', [])).rejects.toBeInstanceOf(
      QueryFailedError,
    );
  });
});
