import { prepareAdd, type AddTarget } from './wire-add.js';

const DEFAULT: AddTarget = { type: 'Default', dripfeed: false, min: 50 };
const DRIP: AddTarget = { type: 'Default', dripfeed: true, min: 50 };
const LINK = { action: 'add', service: '1', link: 'https://instagram.com/p/1' };

const answer = (params: Record<string, unknown>, target: AddTarget) => {
  const prepared = prepareAdd(params, target);
  return prepared.ok ? prepared.params : prepared.message;
};

// Row by row, what a panel answers (docs/compat-api-v2.md, "What add accepts").
describe('prepareAdd: an add read as a panel reads it', () => {
  it.each([
    ['Package', { ...LINK, quantity: '1000' }],
    ['Custom Comments Package', { ...LINK, quantity: '10', comments: 'a\nb' }],
    ['Custom Comments', { ...LINK, quantity: '10', comments: 'a\nb' }],
    ['Mentions Custom List', { ...LINK, quantity: '10', usernames: 'a\nb' }],
  ] as const)(
    '%s: a quantity sent anyway is ignored (lines or the package decide)',
    (type, params) => {
      const prepared = answer(params, { type, dripfeed: false, min: 1 });
      expect(prepared).not.toHaveProperty('quantity');
      expect(prepared).toMatchObject({ link: LINK.link });
    },
  );

  it('Default: an extra comments field is ignored', () => {
    expect(answer({ ...LINK, quantity: '100', comments: 'hi' }, DEFAULT)).toEqual({
      ...LINK,
      quantity: '100',
    });
  });

  it.each([
    ['missing', {}],
    ['empty', { quantity: '' }],
    ['non-numeric', { quantity: 'abc' }],
    ['fractional', { quantity: '10.5' }],
    ['negative', { quantity: '-5' }],
  ])('a %s quantity is "Quantity less than minimal N" with the price list minimum', (_, q) => {
    expect(answer({ ...LINK, ...q }, DEFAULT)).toBe('Quantity less than minimal 50');
  });

  it('drip-feed on a service without it: the panel message', () => {
    expect(answer({ ...LINK, quantity: '100', runs: '2', interval: '10' }, DEFAULT)).toBe(
      'This service does not support Drip-feed feature',
    );
    const pkg: AddTarget = { type: 'Package', dripfeed: true, min: 1 };
    expect(answer({ ...LINK, runs: '2', interval: '10' }, pkg)).toBe(
      'This service does not support Drip-feed feature',
    );
  });

  it('runs without interval, or the reverse: "You must fill in the required fields."', () => {
    expect(answer({ ...LINK, quantity: '100', runs: '2' }, DRIP)).toBe(
      'You must fill in the required fields.',
    );
    expect(answer({ ...LINK, quantity: '100', interval: '10' }, DRIP)).toBe(
      'You must fill in the required fields.',
    );
  });

  it('runs=0 is "Incorrect request"', () => {
    expect(answer({ ...LINK, quantity: '100', runs: '0', interval: '10' }, DRIP)).toBe(
      'Incorrect request',
    );
  });

  it('a drip-feed the service takes passes through', () => {
    const params = { ...LINK, quantity: '100', runs: '2', interval: '10' };
    expect(answer(params, DRIP)).toEqual(params);
  });

  it('Custom Comments without comments is "Quantity less than minimal N"', () => {
    const target: AddTarget = { type: 'Custom Comments', dripfeed: false, min: 5 };
    expect(answer(LINK, target)).toBe('Quantity less than minimal 5');
    expect(answer({ ...LINK, comments: '  ' }, target)).toBe('Quantity less than minimal 5');
  });

  it('keeps what is not an add field (key, action) for the caller to ignore', () => {
    expect(answer({ ...LINK, key: 'k', quantity: '100' }, DEFAULT)).toMatchObject({ key: 'k' });
  });
});
