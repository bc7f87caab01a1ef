// `add` for every service type of the reference's table, and drip-feed: the simulator must receive
// exactly the fields the client meant, and charge exactly what the reference says.
import { Decimal } from 'decimal.js';
import {
  SERVICE_TYPES,
  expectedCharge,
  validateAddOrder,
  type AddOrderRequest,
  type ServiceType,
} from '#smm-protocol';
import type { SimulatorHandle } from '../../apps/provider-sim/src/index.js';
import { KeyWatch, TRANSPORTS, onlyOrder, startSim, success } from './support.js';

interface TypeCase {
  readonly type: ServiceType;
  readonly order: AddOrderRequest;
  /** Every field the panel must receive (besides key), as wire strings. */
  readonly params: Record<string, string>;
  /** Units the panel tracks in `remains`. */
  readonly units: number;
  /** What the panel must debit: rate × units / 1000, or the rate of one package. */
  readonly charge: string;
}

const LINK = 'https://instagram.com/p/Cx1';

// Service ids and rates are those of apps/provider-sim/catalogs/default.json.
const CASES: readonly TypeCase[] = [
  {
    type: 'Default', // 0.90 × 1234 / 1000
    order: { service: 1, link: LINK, quantity: 1234 },
    params: { service: '1', link: LINK, quantity: '1234' },
    units: 1234,
    charge: '1.1106',
  },
  {
    type: 'Package', // one package at 3.50
    order: { service: 7, link: LINK },
    params: { service: '7', link: LINK },
    units: 1,
    charge: '3.5',
  },
  {
    type: 'Custom Comments', // 5 lines × 12.5 / 1000; blank lines are not sent
    order: { service: 8, link: LINK, comments: 'Nice!\r\nWow\n\nGreat shot\nLove it\n🔥 fire' },
    params: { service: '8', link: LINK, comments: 'Nice!\nWow\nGreat shot\nLove it\n🔥 fire' },
    units: 5,
    charge: '0.0625',
  },
  {
    type: 'Custom Comments Package', // one package at 1.99, whatever the number of lines
    order: { service: 9, link: LINK, comments: ['one', 'two', 'three'] },
    params: { service: '9', link: LINK, comments: 'one\ntwo\nthree' },
    units: 3,
    charge: '1.99',
  },
  {
    type: 'Mentions', // 4.2 × 100 / 1000
    order: { service: 10, link: LINK, quantity: 100, usernames: ['alice', 'bob'] },
    params: { service: '10', link: LINK, quantity: '100', usernames: 'alice\nbob' },
    units: 100,
    charge: '0.42',
  },
  {
    type: 'Mentions with Hashtags', // 5.10 × 200 / 1000
    order: { service: 11, link: LINK, quantity: 200, usernames: 'alice', hashtags: '#a\n#b' },
    params: { service: '11', link: LINK, quantity: '200', usernames: 'alice', hashtags: '#a\n#b' },
    units: 200,
    charge: '1.02',
  },
  {
    type: 'Mentions Custom List', // 10 lines × 6.00 / 1000
    order: { service: 12, link: LINK, usernames: Array.from({ length: 10 }, (_, i) => `u${i}`) },
    params: {
      service: '12',
      link: LINK,
      usernames: Array.from({ length: 10 }, (_, i) => `u${i}`).join('\n'),
    },
    units: 10,
    charge: '0.06',
  },
  {
    type: 'Mentions Hashtag', // 4.75 × 100 / 1000
    order: { service: 13, link: LINK, quantity: 100, hashtag: '#travel' },
    params: { service: '13', link: LINK, quantity: '100', hashtag: '#travel' },
    units: 100,
    charge: '0.475',
  },
  {
    type: 'Mentions User Followers', // 4.75 × 300 / 1000
    order: { service: 14, link: LINK, quantity: 300, username: 'natgeo' },
    params: { service: '14', link: LINK, quantity: '300', username: 'natgeo' },
    units: 300,
    charge: '1.425',
  },
  {
    type: 'Mentions Media Likers', // 4.75 × 100 / 1000
    order: { service: 15, link: LINK, quantity: 100, media: 'https://instagram.com/p/Media9' },
    params: {
      service: '15',
      link: LINK,
      quantity: '100',
      media: 'https://instagram.com/p/Media9',
    },
    units: 100,
    charge: '0.475',
  },
  {
    type: 'Comment Likes', // 0.98765 × 200 / 1000
    order: { service: 16, link: LINK, quantity: 200, username: 'comment_owner' },
    params: { service: '16', link: LINK, quantity: '200', username: 'comment_owner' },
    units: 200,
    charge: '0.19753',
  },
  {
    type: 'Comment Replies', // 3 lines × 15 / 1000
    order: { service: 17, link: LINK, username: 'owner', comments: 'a\nb\nc' },
    params: { service: '17', link: LINK, username: 'owner', comments: 'a\nb\nc' },
    units: 3,
    charge: '0.045',
  },
  {
    type: 'Poll', // 0.61 × 100 / 1000
    order: { service: 18, link: LINK, quantity: 100, answerNumber: 2 },
    params: { service: '18', link: LINK, quantity: '100', answer_number: '2' },
    units: 100,
    charge: '0.061',
  },
  {
    type: 'Invites from Groups', // 3.3333 × 300 / 1000
    order: { service: 19, link: 'https://t.me/target', quantity: 300, groups: ['@g1', '@g2'] },
    params: { service: '19', link: 'https://t.me/target', quantity: '300', groups: '@g1\n@g2' },
    units: 300,
    charge: '0.99999',
  },
  {
    type: 'SEO', // 0.75 × 500 / 1000
    order: { service: 20, link: 'https://example.com/', quantity: 500, keywords: 'smm\nsmm panel' },
    params: {
      service: '20',
      link: 'https://example.com/',
      quantity: '500',
      keywords: 'smm\nsmm panel',
    },
    units: 500,
    charge: '0.375',
  },
  {
    type: 'Subscriptions', // no link; charged up front: max × posts × 0.05 / 1000
    order: {
      service: 21,
      username: 'natgeo',
      min: 50,
      max: 100,
      posts: 4,
      oldPosts: 1,
      delay: 30,
      expiry: '31/12/2026',
    },
    params: {
      service: '21',
      username: 'natgeo',
      min: '50',
      max: '100',
      posts: '4',
      old_posts: '1',
      delay: '30',
      expiry: '31/12/2026',
    },
    units: 400,
    charge: '0.02',
  },
  {
    type: 'Web Traffic', // 0.12 × 1000 / 1000, Google keyword traffic
    order: {
      service: 22,
      link: 'https://example.com/',
      quantity: 1000,
      country: 'US',
      device: 2,
      typeOfTraffic: 1,
      googleKeyword: 'buy followers',
    },
    params: {
      service: '22',
      link: 'https://example.com/',
      quantity: '1000',
      country: 'US',
      device: '2',
      type_of_traffic: '1',
      google_keyword: 'buy followers',
    },
    units: 1000,
    charge: '0.12',
  },
];

const DRIP_FEED: readonly TypeCase[] = [
  {
    type: 'Default',
    // Default: quantity is per run; 250 × 4 runs × 0.04512 / 1000.
    order: { service: 3, link: LINK, quantity: 250, runs: 4, interval: 30 },
    params: { service: '3', link: LINK, quantity: '250', runs: '4', interval: '30' },
    units: 1000,
    charge: '0.04512',
  },
  {
    type: 'Web Traffic',
    // Web Traffic with a referrer, drip-fed: 500 × 3 runs × 0.12 / 1000.
    order: {
      service: 22,
      link: 'https://example.com/landing',
      quantity: 500,
      country: 'DE',
      device: 5,
      typeOfTraffic: 2,
      referringUrl: 'https://ref.example.org/post',
      runs: 3,
      interval: 60,
    },
    params: {
      service: '22',
      link: 'https://example.com/landing',
      quantity: '500',
      country: 'DE',
      device: '5',
      type_of_traffic: '2',
      referring_url: 'https://ref.example.org/post',
      runs: '3',
      interval: '60',
    },
    units: 1500,
    charge: '0.18',
  },
];

it('the cases cover every service type of the reference exactly once', () => {
  expect(CASES.map((c) => c.type)).toEqual([...SERVICE_TYPES]);
  // The library's own rules accept each case: the contract is about well-formed orders.
  for (const c of [...CASES, ...DRIP_FEED]) expect(validateAddOrder(c.type, c.order)).toEqual([]);
});

describe.each(TRANSPORTS)('add for every service type over the %s transport', (transport) => {
  let sim: SimulatorHandle;
  const watch = new KeyWatch();

  beforeAll(async () => {
    sim = await startSim();
  });
  afterAll(() => sim.close());
  beforeEach(() => sim.control.reset());
  afterEach(() => watch.assertClean());

  async function placeAndCheck({ type, ...c }: TypeCase) {
    const { orderId } = success(await watch.client(sim, { transport }).add(c.order));
    const order = await onlyOrder(sim);
    expect(String(order.id)).toBe(orderId);
    expect(order.params).toEqual({ action: 'add', ...c.params });
    expect(order.quantity).toBe(c.units);
    expect(order.remains).toBe(String(c.units));
    expect(order.charge).toBe(c.charge);
    const { balance, catalog } = await sim.control.state();
    expect(balance).toBe(new Decimal(1000).minus(c.charge).toFixed());
    // Where the charge is known up front, the library predicts exactly what the panel debited.
    const rate = new Decimal(catalog.find((s) => s.service === order.service)!.rate);
    const predicted = expectedCharge(type, rate, c.order);
    expect(predicted?.toFixed() ?? null).toBe(type === 'Subscriptions' ? null : c.charge);
  }

  it.each(CASES.map((c) => [c.type, c] as const))('%s', (_type, c) => placeAndCheck(c));

  it.each(DRIP_FEED.map((c) => [c.type, c] as const))(
    'drip-feed (%s): quantity per run, charged for quantity × runs',
    (_type, c) => placeAndCheck(c),
  );
});
