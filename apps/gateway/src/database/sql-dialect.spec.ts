import type { DataSource } from 'typeorm';
import { Chunked, SqlDialect } from './sql-dialect.js';

const dialect = (type: string) => new SqlDialect({ options: { type } } as unknown as DataSource);
const pg = dialect('postgres');
const sqlite = dialect('better-sqlite3');

describe('SqlDialect', () => {
  it('numbers placeholders on PostgreSQL and keeps them positional on SQLite', () => {
    expect(pg.row(2, 3)).toBe('($3, $4, $5)');
    expect(sqlite.row(2, 3)).toBe('(?, ?, ?)');
  });

  it('binds values in the order their placeholders are written, casting only on PostgreSQL', () => {
    const p = pg.binder();
    expect(`${p.add(1, 'integer')} ${p.add('a')}`).toBe('CAST($1 AS integer) $2');
    expect(p.values).toEqual([1, 'a']);
    const s = sqlite.binder();
    expect(`${s.add(1, 'integer')} ${s.add('a')}`).toBe('? ?');
    expect(s.values).toEqual([1, 'a']);
  });

  it('unwraps the rows of an UPDATE … RETURNING per driver', () => {
    expect(pg.returned([[{ id: 1 }], 1])).toEqual([{ id: 1 }]);
    expect(sqlite.returned([{ id: 1 }])).toEqual([{ id: 1 }]);
  });

  it('locks rows on PostgreSQL only: SQLite transactions are serialized already', () => {
    expect(pg.lockOptions).toEqual({ lock: { mode: 'pessimistic_write' } });
    expect(sqlite.lockOptions).toEqual({});
    expect(pg.forUpdateSkipLocked).toBe(' FOR UPDATE SKIP LOCKED');
    expect(sqlite.forUpdate).toBe('');
  });

  it('writes booleans and timestamps as better-sqlite3 can bind them', () => {
    const at = new Date('2026-01-02T03:04:05.678Z');
    expect(sqlite.bool(true)).toBe(1);
    expect(pg.bool(true)).toBe(true);
    expect(sqlite.timestamp(at)).toBe('2026-01-02 03:04:05.678');
    expect(pg.timestamp(at)).toBe(at);
  });

  it('passes bulk rows as a VALUES list on SQLite and as one array per column on PostgreSQL', () => {
    const rows = [
      [1, 'a'],
      [2, null],
    ];
    const s = sqlite.binder();
    expect(sqlite.rowsOf(s, ['integer', 'varchar'], rows)).toBe('VALUES (?, ?), (?, ?)');
    expect(s.values).toEqual([1, 'a', 2, null]);
    const p = pg.binder();
    expect(pg.rowsOf(p, ['integer', 'varchar'], rows)).toBe(
      'SELECT * FROM unnest(CAST($1 AS integer[]), CAST($2 AS varchar[]))',
    );
    expect(p.values).toEqual([
      [1, 2],
      ['a', null],
    ]);
  });

  it('looks ids of a subquery up as an array on PostgreSQL, with IN on SQLite', () => {
    expect(pg.inIds('id', 'SELECT 1')).toBe('id = ANY(ARRAY(SELECT 1))');
    expect(sqlite.inIds('id', 'SELECT 1')).toBe('id IN (SELECT 1)');
  });
});

describe('@Chunked', () => {
  class Store {
    readonly calls: number[][] = [];
    @Chunked(2)
    async read(ids: number[], factor: number): Promise<number[]> {
      this.calls.push(ids);
      return ids.map((id) => id * factor);
    }
  }

  it('runs the method per chunk and concatenates the results', async () => {
    const store = new Store();
    await expect(store.read([1, 2, 3, 4, 5], 10)).resolves.toEqual([10, 20, 30, 40, 50]);
    expect(store.calls).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('makes no call for an empty list', async () => {
    const store = new Store();
    await expect(store.read([], 1)).resolves.toEqual([]);
    expect(store.calls).toEqual([]);
  });
});
