import { echoId, idList, mergeParams, parseId, text } from './wire-params.js';

describe('mergeParams', () => {
  it('merges query and body fields, the body winning', () => {
    expect(mergeParams({ key: 'q', action: 'balance' }, { action: 'services' })).toEqual({
      key: 'q',
      action: 'services',
    });
    expect(mergeParams({ key: 'q' }, undefined)).toEqual({ key: 'q' });
  });

  it('refuses a body that is not an object of fields', () => {
    expect(mergeParams({}, [1, 2])).toBeNull();
    expect(mergeParams({}, 'key=x')).toBeNull();
  });
});

describe('text', () => {
  it('reads trimmed text and JSON numbers; empty or other values are absent', () => {
    const params = { a: ' x ', n: 1000, empty: '  ', many: ['1', '2'], flag: true };
    expect(text(params, 'a')).toBe('x');
    expect(text(params, 'n')).toBe('1000');
    expect(text(params, 'empty')).toBeUndefined();
    expect(text(params, 'many')).toBe('2'); // a repeated field keeps its last value, as in PHP
    expect(text(params, 'flag')).toBeUndefined();
    expect(text(params, 'toString')).toBeUndefined();
  });
});

describe('ids', () => {
  it('parseId takes positive 32-bit integers only', () => {
    expect(parseId('23501')).toBe(23501);
    expect(parseId('007')).toBe(7);
    for (const bad of [undefined, '', '0', '-1', '1.5', 'abc', '2147483648', '99999999999']) {
      expect(parseId(bad)).toBeNull();
    }
  });

  it('idList splits a comma list (or a JSON array), trimmed, without blanks or repeats', () => {
    expect(idList({ orders: '1, 2,,3,2 ' }, 'orders')).toEqual(['1', '2', '3']);
    expect(idList({ orders: [1, '2'] }, 'orders')).toEqual(['1', '2']);
    expect(idList({ orders: ' , ' }, 'orders')).toBeUndefined();
    expect(idList({}, 'orders')).toBeUndefined();
  });

  it('echoId answers ids as numbers, anything else as given', () => {
    expect(echoId('12')).toBe(12);
    expect(echoId('abc')).toBe('abc');
  });
});
