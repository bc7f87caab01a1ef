import { Decimal } from 'decimal.js';
import { decodeJson } from './json.js';
import { readDecimal } from './read.js';

describe('decodeJson keeps numbers exact', () => {
  it('hands every JSON number over as its source text', () => {
    expect(decodeJson('{"order":23501,"rate":0.90,"neg":-1.5e-7,"list":[1,2]}')).toEqual({
      ok: true,
      value: { order: '23501', rate: '0.90', neg: '-1.5e-7', list: ['1', '2'] },
    });
  });

  it('does not lose digits a float would (more than 17 significant digits)', () => {
    const decoded = decodeJson('{"balance":12345678901234.123456789}');
    expect(
      decoded.ok &&
        readDecimal((decoded.value as { balance: unknown }).balance, 'balance').toFixed(),
    ).toBe('12345678901234.123456789');
    expect(new Decimal(JSON.parse('12345678901234.123456789') as number).toFixed()).not.toBe(
      '12345678901234.123456789',
    );
  });

  it('leaves strings alone, digits, escaped quotes and `\\/` included', () => {
    expect(decodeJson('{"a":"1,2 \\"3\\" https:\\/\\/x.y\\/4","b":true,"c":null}')).toEqual({
      ok: true,
      value: { a: '1,2 "3" https://x.y/4', b: true, c: null },
    });
  });

  it('tolerates a BOM and surrounding whitespace', () => {
    expect(decodeJson('\uFEFF  {"order": 1}\n')).toEqual({ ok: true, value: { order: '1' } });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['<html><body>502 Bad Gateway</body></html>', 'not_json'],
    ['Service Unavailable', 'not_json'],
    ['{"order":', 'truncated'],
    ['{"order":235', 'truncated'],
    ['[{"service":1,"name":"Fol', 'truncated'],
    ['{"rate": 1.}', 'malformed'],
    ['{"rate": 01}', 'malformed'],
    ['{"a":1}}', 'malformed'],
  ])('%j is not JSON: %s', (text, problem) => {
    expect(decodeJson(text)).toEqual({ ok: false, problem });
  });
});
