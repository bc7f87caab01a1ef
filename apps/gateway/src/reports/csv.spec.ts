import { describe, expect, it } from 'vitest';
import { toCsv, wantsCsv } from './csv.js';

describe('report CSV', () => {
  it('writes RFC 4180 rows, quoting what would break them or start a formula', () => {
    const csv = toCsv({
      columns: ['key', 'label', 'margin'],
      rows: [
        ['1', 'Acme, "best"', '-1.5'],
        ['2', '=HYPERLINK()', null],
      ],
    });
    expect(csv).toBe('key,label,margin\r\n1,"Acme, ""best""",-1.5\r\n2,"=HYPERLINK()",\r\n');
  });

  it('answers CSV only when asked for it', () => {
    expect(wantsCsv('text/csv')).toBe(true);
    expect(wantsCsv('application/json, text/csv;q=0.5')).toBe(true);
    expect(wantsCsv('application/json')).toBe(false);
    expect(wantsCsv(undefined)).toBe(false);
  });
});
