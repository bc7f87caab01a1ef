import fc from 'fast-check';
import { OrderedObject, toWireJson } from './wire-json.js';

describe('toWireJson', () => {
  it('keeps the order ids were asked in, integer-like keys included', () => {
    const body = new OrderedObject([
      ['14', { status: 'Pending' }],
      ['2', { error: 'Incorrect order ID' }],
      ['7', { status: 'Completed' }],
    ]);
    const text = toWireJson(body);
    expect(text).toBe(
      '{"14":{"status":"Pending"},"2":{"error":"Incorrect order ID"},"7":{"status":"Completed"}}',
    );
    expect(Object.keys(JSON.parse(text) as object)).toEqual(['2', '7', '14']); // why it is needed
  });

  it('writes everything else exactly as JSON.stringify does', () => {
    for (const value of [
      { order: 42 },
      [
        { order: 1, cancel: 1 },
        { order: 'x', cancel: { error: 'Incorrect order ID' } },
      ],
      { balance: '12.50000', currency: 'USD' },
      'text',
      7,
      null,
      { a: undefined, b: [undefined, 1] },
    ]) {
      expect(toWireJson(value)).toBe(JSON.stringify(value));
    }
  });

  it('agrees with JSON.stringify on any JSON-like value (flat fast path and nesting)', () => {
    const leaf = fc.oneof(fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null));
    const value = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        leaf,
        fc.constant(undefined),
        fc.array(tie('node')),
        fc.dictionary(fc.string(), tie('node')),
      ),
    })).node;
    fc.assert(
      fc.property(fc.dictionary(fc.string(), value), (v) => {
        expect(toWireJson(v)).toBe(JSON.stringify(v));
      }),
    );
  });
});
