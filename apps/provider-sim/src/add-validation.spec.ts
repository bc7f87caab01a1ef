import { checkAdd } from './add-validation.js';
import { formatMoney } from './money.js';
import { SERVICE_TYPES, type SimService } from './types.js';

const service = (type: string, extra: Partial<SimService> = {}): SimService => ({
  service: 1,
  name: type,
  type,
  category: 'Test',
  rate: '0.9',
  min: '10',
  max: '1000',
  refill: false,
  cancel: false,
  ...extra,
});

const link = 'https://instagram.com/p/abc';

/** A valid request for every type, with the units and the charge a panel computes for it. */
const VALID: Record<string, { params: Record<string, unknown>; units: number; charge: string }> = {
  Default: { params: { link, quantity: '100' }, units: 100, charge: '0.09' },
  Package: { params: { link }, units: 1, charge: '0.9' },
  'Custom Comments': {
    params: { link, comments: Array.from({ length: 12 }, (_, i) => `nice ${i}`).join('\r\n') },
    units: 12,
    charge: '0.0108',
  },
  'Custom Comments Package': { params: { link, comments: 'a\nb\n\nc' }, units: 3, charge: '0.9' },
  Mentions: { params: { link, quantity: '20', usernames: 'ann\nbob' }, units: 20, charge: '0.018' },
  'Mentions with Hashtags': {
    params: { link, quantity: 20, usernames: 'ann', hashtags: '#a\n#b' },
    units: 20,
    charge: '0.018',
  },
  'Mentions Custom List': {
    params: { link, usernames: Array.from({ length: 10 }, (_, i) => `u${i}`) },
    units: 10,
    charge: '0.009',
  },
  'Mentions Hashtag': {
    params: { link, quantity: '10', hashtag: 'cats' },
    units: 10,
    charge: '0.009',
  },
  'Mentions User Followers': {
    params: { link, quantity: '10', username: 'ann' },
    units: 10,
    charge: '0.009',
  },
  'Mentions Media Likers': {
    params: { link, quantity: '10', media: 'https://instagram.com/p/xyz' },
    units: 10,
    charge: '0.009',
  },
  'Comment Likes': {
    params: { link, quantity: '10', username: 'owner' },
    units: 10,
    charge: '0.009',
  },
  'Comment Replies': {
    params: { link, username: 'owner', comments: Array(10).fill('hi').join('\n') },
    units: 10,
    charge: '0.009',
  },
  Poll: { params: { link, quantity: '10', answer_number: '2' }, units: 10, charge: '0.009' },
  'Invites from Groups': {
    params: { link, quantity: '10', groups: 'g1\ng2' },
    units: 10,
    charge: '0.009',
  },
  SEO: { params: { link, quantity: '10', keywords: 'cheap smm' }, units: 10, charge: '0.009' },
  Subscriptions: {
    params: {
      username: 'ann',
      min: '10',
      max: '100',
      delay: '0',
      posts: '3',
      expiry: '31/12/2030',
    },
    units: 300,
    charge: '0.27',
  },
  'Web Traffic': {
    params: {
      link,
      quantity: '10',
      country: 'US',
      device: '5',
      type_of_traffic: '1',
      google_keyword: 'x',
    },
    units: 10,
    charge: '0.009',
  },
};

describe('checkAdd', () => {
  it('has a valid example for every type of the reference', () => {
    expect(Object.keys(VALID).sort()).toEqual([...SERVICE_TYPES].sort());
  });

  it.each(Object.entries(VALID))('accepts a valid %s order', (type, example) => {
    const result = checkAdd(service(type), example.params);
    if ('error' in result) throw new Error(result.error);
    expect(result.units).toBe(example.units);
    expect(formatMoney(result.charge)).toBe(example.charge);
  });

  it.each([
    ['Custom Comments', 'comments', 'Incorrect comments'],
    ['Mentions', 'usernames', 'Incorrect usernames'],
    ['Mentions with Hashtags', 'hashtags', 'Incorrect hashtags'],
    ['Mentions Custom List', 'usernames', 'Incorrect usernames'],
    ['Mentions Hashtag', 'hashtag', 'Incorrect hashtag'],
    ['Mentions User Followers', 'username', 'Incorrect username'],
    ['Mentions Media Likers', 'media', 'Incorrect media'],
    ['Comment Likes', 'username', 'Incorrect username'],
    ['Comment Replies', 'comments', 'Incorrect comments'],
    ['Poll', 'answer_number', 'Incorrect answer number'],
    ['Invites from Groups', 'groups', 'Incorrect groups'],
    ['SEO', 'keywords', 'Incorrect keywords'],
    ['Subscriptions', 'username', 'Incorrect username'],
    ['Subscriptions', 'delay', 'Incorrect delay'],
    ['Web Traffic', 'country', 'Incorrect country'],
    ['Web Traffic', 'device', 'Incorrect device'],
    ['Web Traffic', 'google_keyword', 'Incorrect google keyword'],
  ])('%s without %s answers %s', (type, missing, message) => {
    const { [missing]: _dropped, ...params } = VALID[type]!.params;
    expect(checkAdd(service(type), params)).toEqual({ error: message });
  });

  it('checks links: empty, not http(s), or missing', () => {
    for (const bad of ['', 'instagram.com/p/abc', 'ftp://x.y/z', 'https://', 'https://a b']) {
      expect(checkAdd(service('Default'), { link: bad, quantity: '100' })).toEqual({
        error: 'Incorrect link',
      });
    }
    expect(checkAdd(service('Default'), { quantity: '100' })).toEqual({ error: 'Incorrect link' });
  });

  it('needs no link for Subscriptions', () => {
    expect(checkAdd(service('Subscriptions'), VALID.Subscriptions!.params)).not.toHaveProperty(
      'error',
    );
  });

  it('checks the quantity: missing, malformed, out of range', () => {
    const s = service('Default');
    expect(checkAdd(s, { link })).toEqual({ error: 'Incorrect request' });
    expect(checkAdd(s, { link, quantity: '1.5' })).toEqual({ error: 'Incorrect request' });
    expect(checkAdd(s, { link, quantity: '9' })).toEqual({
      error: 'Quantity less than minimal 10',
    });
    expect(checkAdd(s, { link, quantity: '1001' })).toEqual({
      error: 'Quantity more than maximal 1000',
    });
    expect(checkAdd(s, { link, quantity: '1000' })).not.toHaveProperty('error');
    const lines = checkAdd(service('Custom Comments'), { link, comments: 'a\nb' });
    expect(lines).toEqual({ error: 'Quantity less than minimal 10' });
  });

  it('checks web traffic conditional fields and ranges', () => {
    const s = service('Web Traffic');
    const base = { link, quantity: '10', country: 'US', device: '1' };
    expect(checkAdd(s, { ...base, type_of_traffic: '4' })).toEqual({
      error: 'Incorrect type of traffic',
    });
    expect(checkAdd(s, { ...base, device: '6', type_of_traffic: '3' })).toEqual({
      error: 'Incorrect device',
    });
    expect(checkAdd(s, { ...base, type_of_traffic: '2', referring_url: 'nope' })).toEqual({
      error: 'Incorrect referring url',
    });
    expect(
      checkAdd(s, { ...base, type_of_traffic: '2', referring_url: 'https://a.b' }),
    ).not.toHaveProperty('error');
    expect(checkAdd(s, { ...base, type_of_traffic: '3' })).not.toHaveProperty('error');
  });

  it('checks subscriptions limits and formats', () => {
    const s = service('Subscriptions');
    const base = { username: 'ann', min: '10', max: '100', delay: '0' };
    expect(checkAdd(s, { ...base, min: '5' })).toEqual({ error: 'Quantity less than minimal 10' });
    expect(checkAdd(s, { ...base, max: '5000' })).toEqual({
      error: 'Quantity more than maximal 1000',
    });
    expect(checkAdd(s, { ...base, max: '9' })).toEqual({ error: 'Incorrect max' });
    expect(checkAdd(s, { ...base, expiry: '2030-12-31' })).toEqual({ error: 'Incorrect expiry' });
    expect(checkAdd(s, { ...base, posts: 'x' })).toEqual({ error: 'Incorrect posts' });
    const ok = checkAdd(s, base);
    if ('error' in ok) throw new Error(ok.error);
    expect([ok.units, formatMoney(ok.charge)]).toEqual([100, '0.09']);
  });

  describe('drip-feed', () => {
    const drip = service('Default', { dripfeed: true });

    it('charges rate × quantity × runs / 1000, checks min per run and max in total', () => {
      const ok = checkAdd(drip, { link, quantity: '100', runs: '5', interval: '30' });
      if ('error' in ok) throw new Error(ok.error);
      expect([ok.units, formatMoney(ok.charge)]).toEqual([500, '0.45']);
      expect(checkAdd(drip, { link, quantity: '300', runs: '4', interval: '30' })).toEqual({
        error: 'Quantity more than maximal 1000',
      });
      expect(checkAdd(drip, { link, quantity: '5', runs: '4', interval: '30' })).toEqual({
        error: 'Quantity less than minimal 10',
      });
    });

    it('needs runs and interval together', () => {
      expect(checkAdd(drip, { link, quantity: '100', runs: '5' })).toEqual({
        error: 'Incorrect interval',
      });
      expect(checkAdd(drip, { link, quantity: '100', interval: '5' })).toEqual({
        error: 'Incorrect runs',
      });
      expect(checkAdd(drip, { link, quantity: '100', runs: '', interval: '' })).not.toHaveProperty(
        'error',
      );
    });

    it('is refused by services and types without drip-feed', () => {
      const message = { error: 'Drip-feed is not supported for this service' };
      const params = { link, quantity: '100', runs: '2', interval: '5' };
      expect(checkAdd(service('Default'), params)).toEqual(message);
      expect(
        checkAdd(service('Poll', { dripfeed: true }), { ...params, answer_number: 1 }),
      ).toEqual(message);
    });
  });

  it('rounds a charge to 5 decimals and keeps tiny rates exact', () => {
    const tiny = service('Default', { rate: '0.00001', min: '1', max: '100000' });
    const one = checkAdd(tiny, { link, quantity: '1000' });
    if ('error' in one) throw new Error(one.error);
    expect(formatMoney(one.charge)).toBe('0.00001');
    const odd = checkAdd(service('Default', { rate: '0.27819' }), { link, quantity: '13' });
    if ('error' in odd) throw new Error(odd.error);
    expect(formatMoney(odd.charge)).toBe('0.00362'); // 0.00361647 half-up
  });
});
