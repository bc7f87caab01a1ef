import fc from 'fast-check';

/** Values no field of the API accepts as meant: wrong types, boundaries, hostile text. */
export const badScalar: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    null,
    true,
    false,
    0,
    -1,
    1.5,
    -0.000001,
    2147483648,
    -2147483649,
    Number.MAX_SAFE_INTEGER * 4,
    1e308,
    '',
    ' ',
    '-1',
    '0',
    '0x1',
    '1e400',
    'NaN',
    'Infinity',
    '99999999999999999999999999999999',
    '0.0000000000001',
    '\u0000',
    'a\u0000b',
    '\u0007\u001b[31m',
    '１２３',
    '\ud83d\ude00',
    '\ud800',
    "' OR 1=1 --",
    '"; DROP TABLE orders; --',
    '<script>alert(1)</script>',
    '../../etc/passwd',
    '%00',
    '{}',
    '[]',
    '__proto__',
    'constructor',
  ),
  fc.string({ maxLength: 30 }),
  fc.integer(),
  fc.double(),
  fc.constant('x'.repeat(20_000)),
);

/** A JSON value built from bad scalars, nested a little, sometimes very deep. */
export const badJson: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: badScalar },
  { weight: 2, arbitrary: fc.array(badScalar, { maxLength: 4 }) },
  { weight: 2, arbitrary: fc.dictionary(fc.string({ maxLength: 8 }), badScalar, { maxKeys: 4 }) },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 65, max: 3000 }).map((depth) => {
      let v: unknown = 1;
      for (let i = 0; i < depth; i++) v = { a: v };
      return v;
    }),
  },
);

/** A body for an operation: its own field names (and unknown ones) with bad values, or garbage. */
export function badBody(fields: string[]): fc.Arbitrary<unknown> {
  const names =
    fields.length > 0 ? fc.constantFrom(...fields, 'unknownField', '__proto__') : fc.string();
  return fc.oneof(
    { weight: 4, arbitrary: fc.dictionary(names, badJson, { minKeys: 1, maxKeys: 6 }) },
    { weight: 1, arbitrary: badJson },
  );
}

/** A path or query value: text the URL carries (encoded by the caller). */
export const badText: fc.Arbitrary<string> = badScalar.map((v) =>
  typeof v === 'string' ? v.slice(0, 2000) : (JSON.stringify(v) ?? 'undefined'),
);
