import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import type { SimService } from '../../apps/provider-sim/src/index.js';
import type { TestGateway } from '../support/gateway.js';
import {
  addPanel,
  createPartner,
  createService,
  type Panel,
  type TestPartner,
} from '../support/market.js';
import { startListeningGateway } from './support.js';

const run = promisify(execFile);
const CLIENT = resolve('test/compat/php/PanelClient.php');

interface Call {
  method: string;
  args: unknown[];
}
interface Answer {
  http: number;
  answer: unknown;
  /** The answer object's keys in the order PHP's json_decode read them (JSON.parse would sort). */
  keys: string[] | null;
}

/** Runs the calls through the PHP client (php-cli + curl) against the gateway's /api/v2. */
async function php(url: string, key: string, calls: Call[], variant: 'form' | 'multipart') {
  const child = run('php', [CLIENT, url, key, variant], { timeout: 60_000 });
  child.child.stdin!.end(JSON.stringify(calls));
  const { stdout } = await child;
  return JSON.parse(stdout) as Answer[];
}

const offer = (service: number, type: string, rate: string, extra: Partial<SimService> = {}) =>
  ({
    service,
    name: `${type} offer`,
    type,
    category: 'Instagram',
    rate,
    min: '1',
    max: '100000',
    refill: true,
    cancel: true,
    dripfeed: false,
    ...extra,
  }) as SimService;

const LINK = 'https://instagram.com/p/php';

/** Every field a classic PHP client sends for an `add`, the type's own ones filled in. */
const ADD: Record<string, (id: number) => Record<string, string | number>> = {
  Default: (id) => ({ service: id, link: LINK, quantity: 100, runs: '', interval: '' }),
  'Default (drip-feed)': (id) => ({ service: id, link: LINK, quantity: 100, runs: 2, interval: 5 }),
  Package: (id) => ({ service: id, link: LINK, quantity: 100 }),
  'Custom Comments': (id) => ({ service: id, link: LINK, comments: 'nice\nwow\ncool' }),
  'Custom Comments Package': (id) => ({ service: id, link: LINK, comments: 'a\nb' }),
  Mentions: (id) => ({ service: id, link: LINK, quantity: 100, usernames: 'alice\nbob' }),
  'Mentions with Hashtags': (id) => ({
    service: id,
    link: LINK,
    quantity: 100,
    usernames: 'alice\nbob',
    hashtags: '#sun\n#sea',
  }),
  'Mentions Custom List': (id) => ({ service: id, link: LINK, usernames: 'alice\nbob\ncarol' }),
  'Mentions Hashtag': (id) => ({ service: id, link: LINK, quantity: 100, hashtag: '#sun' }),
  'Mentions User Followers': (id) => ({ service: id, link: LINK, quantity: 100, username: 'x' }),
  'Mentions Media Likers': (id) => ({ service: id, link: LINK, quantity: 100, media: LINK }),
  'Comment Likes': (id) => ({ service: id, link: LINK, quantity: 100, username: 'x' }),
  'Comment Replies': (id) => ({ service: id, link: LINK, username: 'x', comments: 'hi\nyo' }),
  Poll: (id) => ({ service: id, link: LINK, quantity: 100, answer_number: 2 }),
  'Invites from Groups': (id) => ({ service: id, link: LINK, quantity: 100, groups: 'g1\ng2' }),
  SEO: (id) => ({ service: id, link: LINK, quantity: 100, keywords: 'shoes\nboots' }),
  Subscriptions: (id) => ({
    service: id,
    username: 'example',
    min: 50,
    max: 100,
    delay: 0,
    posts: 2,
    old_posts: '',
    expiry: '',
  }),
  'Web Traffic': (id) => ({
    service: id,
    link: 'https://example.com',
    quantity: 100,
    country: 'US',
    device: 1,
    type_of_traffic: 2,
    google_keyword: '',
    referring_url: 'https://ref.example',
  }),
};

describe.each(['form', 'multipart'] as const)('a PHP panel client (%s body)', (variant) => {
  let gw: TestGateway;
  let apiUrl: string;
  let panel: Panel;
  let partner: TestPartner;
  const services = new Map<string, number>();
  const call = (calls: Call[], url = apiUrl) => php(url, partner.token, calls, variant);

  beforeAll(async () => {
    ({ gw, apiUrl } = await startListeningGateway());
    const types = Object.keys(ADD);
    const catalog = types.map((label, i) => {
      const type = label === 'Default (drip-feed)' ? 'Default' : label;
      return offer(i + 1, type, '1.00', { dripfeed: label === 'Default (drip-feed)' });
    });
    panel = await addPanel(gw, { name: `php-${variant}`, catalog });
    for (const [i, label] of types.entries()) {
      const type = catalog[i]!.type;
      const dripfeed = label === 'Default (drip-feed)';
      const id = await createService(
        gw,
        { name: label, type, category: 'Instagram', refill: true, cancel: true, dripfeed },
        [{ providerId: panel.providerId, upstreamServiceId: i + 1 }],
      );
      services.set(label, id);
    }
    partner = await createPartner(gw, { name: `php-${variant}`, credit: '100000' });
  });

  afterAll(async () => {
    await panel?.sim.close();
    await gw?.close();
  });

  it('services and balance answer as a panel does', async () => {
    const [list, balance] = await call([
      { method: 'services', args: [] },
      { method: 'balance', args: [] },
    ]);
    expect(list!.http).toBe(200);
    expect((list!.answer as unknown[]).length).toBe(services.size);
    expect(balance!.answer).toEqual({ balance: '100000.00000', currency: 'USD' });
  });

  it('add places an order of every service type, every field sent', async () => {
    const labels = [...services.keys()];
    const answers = await call(
      labels.map((label) => ({ method: 'order', args: [ADD[label]!(services.get(label)!)] })),
    );
    for (const [i, label] of labels.entries()) {
      expect(answers[i], label).toMatchObject({ http: 200, answer: { order: expect.any(Number) } });
    }
    expect((await panel.sim.control.state()).orders.length).toBeGreaterThanOrEqual(labels.length);
  });

  it('status (one and many, keys in the order asked), refill, refill_status and cancel', async () => {
    const id = services.get('Default')!;
    const [a, b] = await call([
      { method: 'order', args: [ADD.Default!(id)] },
      { method: 'order', args: [ADD.Default!(id)] },
    ]);
    const first = (a!.answer as { order: number }).order;
    const second = (b!.answer as { order: number }).order;
    const [one, many, refill, cancel] = await call([
      { method: 'status', args: [first] },
      { method: 'multiStatus', args: [[second, 999999, first]] },
      { method: 'refill', args: [first] },
      { method: 'cancel', args: [[second, 999999]] },
    ]);
    expect(one!.answer).toMatchObject({ status: 'Pending', currency: 'USD' });
    expect(many!.keys).toEqual([String(second), '999999', String(first)]);
    expect(refill!.answer).toEqual({ error: 'Order not eligible for refill.' });
    expect(cancel!.answer).toEqual([
      { order: second, cancel: 1 },
      { order: 999999, cancel: { error: 'Incorrect order ID' } },
    ]);
    const [refillStatus] = await call([{ method: 'refillStatus', args: [123456] }]);
    expect(refillStatus!.answer).toEqual({ error: 'Refill not found' });
  });

  it('a client that appends `/` to the URL gets the same answers', async () => {
    const [balance] = await call([{ method: 'balance', args: [] }], `${apiUrl}/`);
    expect(balance!.answer).toMatchObject({ currency: 'USD' });
  });
});
