import { Decimal } from 'decimal.js';
import { splitLines, toAddWireFields } from './add-order.js';
import { SmmRequestError } from './errors.js';
import { expectedCharge, orderedUnits, validateAddOrder } from './order-rules.js';
import { SERVICE_TYPES, SERVICE_TYPE_RULES, normalizeServiceType } from './service-types.js';

describe('toAddWireFields', () => {
  it('maps every camelCase field to its snake_case wire name', () => {
    expect(
      toAddWireFields({
        service: 12,
        link: 'l',
        quantity: 1,
        runs: 2,
        interval: 3,
        comments: 'a\r\nb\n\n',
        usernames: ['u1', 'u2'],
        username: 'u',
        hashtags: '#a\n#b',
        hashtag: '#h',
        media: 'm',
        answerNumber: 4,
        groups: ['g'],
        keywords: 'k1\nk2',
        min: 5,
        max: 6,
        posts: 7,
        oldPosts: 8,
        delay: 9,
        expiry: '31/12/2026',
        country: 'US',
        device: 1,
        typeOfTraffic: 2,
        googleKeyword: 'gk',
        referringUrl: 'https://r.example',
      }),
    ).toEqual({
      service: '12',
      link: 'l',
      quantity: '1',
      runs: '2',
      interval: '3',
      comments: 'a\nb',
      usernames: 'u1\nu2',
      username: 'u',
      hashtags: '#a\n#b',
      hashtag: '#h',
      media: 'm',
      answer_number: '4',
      groups: 'g',
      keywords: 'k1\nk2',
      min: '5',
      max: '6',
      posts: '7',
      old_posts: '8',
      delay: '9',
      expiry: '31/12/2026',
      country: 'US',
      device: '1',
      type_of_traffic: '2',
      google_keyword: 'gk',
      referring_url: 'https://r.example',
    });
  });

  it('omits absent fields', () => {
    expect(toAddWireFields({ service: '7', link: 'l', quantity: 100 })).toEqual({
      service: '7',
      link: 'l',
      quantity: '100',
    });
  });

  it('refuses runs without interval, a fractional count and an empty service', () => {
    expect(() => toAddWireFields({ service: 1, link: 'l', quantity: 10, runs: 2 })).toThrow(
      SmmRequestError,
    );
    expect(() => toAddWireFields({ service: 1, link: 'l', quantity: 10, interval: 2 })).toThrow(
      /together/,
    );
    expect(() => toAddWireFields({ service: 1, link: 'l', quantity: 10.5 })).toThrow(/integer/);
    expect(() => toAddWireFields({ service: ' ', link: 'l' })).toThrow(/service/);
  });

  it('splits lines on \\n and \\r\\n and drops blank ones', () => {
    expect(splitLines('a\r\n\r\n b \nc\n')).toEqual(['a', 'b', 'c']);
    expect(splitLines(['a\nb', '', 'c'])).toEqual(['a', 'b', 'c']);
  });
});

describe('service types', () => {
  it('has a rule for each of the 17 types of the reference', () => {
    expect(SERVICE_TYPES).toHaveLength(17);
    expect(Object.keys(SERVICE_TYPE_RULES).sort()).toEqual([...SERVICE_TYPES].sort());
  });

  it('recognizes a type whatever its case and spacing', () => {
    expect(normalizeServiceType(' custom_comments  package ')).toBe('Custom Comments Package');
    expect(normalizeServiceType('SEO')).toBe('SEO');
    expect(normalizeServiceType('Custom Likes')).toBeNull();
  });

  it('knows which types price per package and which derive quantity from lines', () => {
    const perPackage = SERVICE_TYPES.filter((t) => SERVICE_TYPE_RULES[t].ratePerPackage);
    expect(perPackage).toEqual(['Package', 'Custom Comments Package']);
    const fromLines = SERVICE_TYPES.filter((t) => SERVICE_TYPE_RULES[t].quantityFromLines);
    expect(fromLines).toEqual(['Custom Comments', 'Mentions Custom List', 'Comment Replies']);
  });
});

describe('validateAddOrder', () => {
  const fields = (problems: { field: string }[]) => problems.map((p) => p.field);

  it('accepts a valid order of each type', () => {
    const valid: Parameters<typeof validateAddOrder>[] = [
      ['Default', { service: 1, link: 'l', quantity: 100, runs: 5, interval: 10 }],
      ['Package', { service: 1, link: 'l' }],
      ['Custom Comments', { service: 1, link: 'l', comments: 'nice\ngreat' }],
      ['Custom Comments Package', { service: 1, link: 'l', comments: ['nice'] }],
      ['Mentions', { service: 1, link: 'l', quantity: 10, usernames: 'a\nb' }],
      [
        'Mentions with Hashtags',
        { service: 1, link: 'l', quantity: 10, usernames: 'a', hashtags: '#x' },
      ],
      ['Mentions Custom List', { service: 1, link: 'l', usernames: 'a\nb' }],
      ['Mentions Hashtag', { service: 1, link: 'l', quantity: 10, hashtag: '#x' }],
      ['Mentions User Followers', { service: 1, link: 'l', quantity: 10, username: 'u' }],
      ['Mentions Media Likers', { service: 1, link: 'l', quantity: 10, media: 'https://m' }],
      ['Comment Likes', { service: 1, link: 'l', quantity: 10, username: 'owner' }],
      ['Comment Replies', { service: 1, link: 'l', username: 'u', comments: 'r1\nr2' }],
      ['Poll', { service: 1, link: 'l', quantity: 10, answerNumber: 2 }],
      ['Invites from Groups', { service: 1, link: 'l', quantity: 10, groups: 'g1\ng2' }],
      ['SEO', { service: 1, link: 'l', quantity: 10, keywords: 'k1' }],
      [
        'Subscriptions',
        {
          service: 1,
          username: 'u',
          min: 10,
          max: 20,
          delay: 0,
          posts: 5,
          oldPosts: 1,
          expiry: '29/02/2028',
        },
      ],
      [
        'Web Traffic',
        {
          service: 1,
          link: 'l',
          quantity: 10,
          country: 'US',
          device: 5,
          typeOfTraffic: 1,
          googleKeyword: 'k',
        },
      ],
      [
        'Web Traffic',
        {
          service: 1,
          link: 'l',
          quantity: 10,
          country: 'US',
          device: 1,
          typeOfTraffic: 2,
          referringUrl: 'r',
        },
      ],
      [
        'Web Traffic',
        {
          service: 1,
          link: 'l',
          quantity: 10,
          country: 'US',
          device: 1,
          typeOfTraffic: 3,
          runs: 2,
          interval: 5,
        },
      ],
    ];
    for (const [type, order] of valid)
      expect([type, validateAddOrder(type, order)]).toEqual([type, []]);
  });

  it('names missing, foreign and out-of-range fields', () => {
    expect(fields(validateAddOrder('Default', { service: 1, link: ' ' }))).toEqual([
      'link',
      'quantity',
    ]);
    expect(fields(validateAddOrder('Package', { service: 1, link: 'l', quantity: 10 }))).toEqual([
      'quantity',
    ]);
    expect(
      fields(validateAddOrder('Custom Comments', { service: 1, link: 'l', comments: '\n\n' })),
    ).toEqual(['comments']);
    expect(
      fields(
        validateAddOrder('Subscriptions', {
          service: 1,
          link: 'l',
          username: 'u',
          min: 9,
          max: 3,
          delay: 0,
        }),
      ),
    ).toEqual(['link', 'max']);
    expect(
      fields(validateAddOrder('Mentions', { service: 1, link: 'l', quantity: 0, usernames: 'a' })),
    ).toEqual(['quantity']);
    expect(
      fields(validateAddOrder('Default', { service: 1, link: 'l', quantity: 10, runs: 2 })),
    ).toEqual(['interval']);
    expect(
      fields(validateAddOrder('Package', { service: 1, link: 'l', runs: 2, interval: 2 })),
    ).toEqual(['runs', 'interval']);
    expect(
      fields(
        validateAddOrder('Subscriptions', {
          service: 1,
          username: 'u',
          min: 1,
          max: 2,
          delay: 0,
          expiry: '31/02/2026',
        }),
      ),
    ).toEqual(['expiry']);
    expect(
      fields(
        validateAddOrder('Subscriptions', {
          service: 1,
          username: 'u',
          min: 1,
          max: 2,
          delay: 0,
          expiry: '2026-12-31',
        }),
      ),
    ).toEqual(['expiry']);
  });

  it('Web Traffic: the keyword or referrer follows typeOfTraffic, device is 1–5', () => {
    const base = { service: 1, link: 'l', quantity: 10, country: 'US' };
    expect(
      fields(validateAddOrder('Web Traffic', { ...base, device: 6, typeOfTraffic: 1 })),
    ).toEqual(['device', 'googleKeyword']);
    expect(
      fields(
        validateAddOrder('Web Traffic', {
          ...base,
          device: 1,
          typeOfTraffic: 2,
          googleKeyword: 'k',
        }),
      ),
    ).toEqual(['googleKeyword', 'referringUrl']);
    expect(
      fields(validateAddOrder('Web Traffic', { ...base, device: 1, typeOfTraffic: 4 })),
    ).toEqual(['typeOfTraffic']);
  });
});

describe('orderedUnits and expectedCharge', () => {
  it('per 1000 units, drip-feed multiplying quantity by runs', () => {
    const order = { service: 1, link: 'l', quantity: 1000, runs: 3, interval: 10 };
    expect(orderedUnits('Default', order)).toBe(3000);
    expect(expectedCharge('Default', new Decimal('0.90'), order)?.toFixed()).toBe('2.7');
  });

  it('per line for types whose quantity is the lines', () => {
    const order = { service: 1, link: 'l', comments: 'a\r\nb\n\nc' };
    expect(orderedUnits('Custom Comments', order)).toBe(3);
    expect(expectedCharge('Custom Comments', new Decimal('8'), order)?.toFixed()).toBe('0.024');
  });

  it('per package for packages', () => {
    expect(orderedUnits('Package', { service: 1, link: 'l' })).toBe(1);
    expect(
      expectedCharge('Custom Comments Package', new Decimal('12.5'), {
        service: 1,
        link: 'l',
        comments: 'a\nb',
      })?.toFixed(),
    ).toBe('12.5');
  });

  it('unknown upfront for subscriptions', () => {
    const order = { service: 1, username: 'u', min: 1, max: 2, delay: 0 };
    expect(orderedUnits('Subscriptions', order)).toBeNull();
    expect(expectedCharge('Subscriptions', new Decimal(1), order)).toBeNull();
  });

  it('stays exact beyond the default 20 significant digits', () => {
    const rate = new Decimal('123456.1234567');
    const order = { service: 1, link: 'l', quantity: 987654321, runs: 1000, interval: 1 };
    // 23 significant digits (checked with Python's decimal at 80 digits of precision).
    expect(expectedCharge('Default', rate, order)?.toFixed()).toBe('121931973785919.2114007');
    // What naive Decimal arithmetic at the default precision would have said.
    expect(rate.times(987654321000).div(1000).toFixed()).toBe('121931973785919.2114');
  });
});
