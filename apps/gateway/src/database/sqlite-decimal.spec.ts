import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { registerDecimalFunctions } from './sqlite-decimal.js';

describe('exact decimal functions on SQLite', () => {
  const db = new Database(':memory:');
  // The structural type the data source's prepareDatabase hands over (better-sqlite3's own is generic).
  registerDecimalFunctions(db as unknown as Parameters<typeof registerDecimalFunctions>[0]);
  db.exec('CREATE TABLE t (g INTEGER, a TEXT, b TEXT)');
  const insert = db.prepare('INSERT INTO t VALUES (?, ?, ?)');
  for (let i = 0; i < 10; i++) insert.run(1, '0.1', '1.08');
  insert.run(2, '0.000000000000000000000000001', '3');
  insert.run(2, '12345678901234567890.123456789012', null);
  insert.run(3, '0.1', null);
  insert.run(3, '0.2', null);

  it("sums money text exactly where SQLite's own SUM rounds through floating point", () => {
    const row = db.prepare('SELECT SUM(a) AS float, dec_sum(a) AS exact FROM t WHERE g = 3').get();
    expect(row).toEqual({ float: 0.30000000000000004, exact: '0.3' });
    const big = db.prepare('SELECT dec_sum(a) AS s FROM t WHERE g = 2').get() as { s: string };
    expect(big.s).toBe('12345678901234567890.123456789012000000000000001');
  });

  it('multiplies and subtracts exactly, NULL in NULL out, like NUMERIC', () => {
    const row = db
      .prepare(
        `SELECT dec_sum(dec_mul(a, b)) AS product, dec_sum(dec_sub(b, a)) AS diff,
          dec_sum(CASE WHEN 0 THEN a END) AS none FROM t WHERE g < 3 GROUP BY g ORDER BY g`,
      )
      .all();
    expect(row).toEqual([
      { product: '1.08', diff: '9.8', none: null },
      {
        product: '0.000000000000000000000000003',
        diff: '2.999999999999999999999999999',
        none: null,
      },
    ]);
  });
});
