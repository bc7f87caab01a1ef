import { Webhook } from 'standardwebhooks';
import { generateSecret, signMessage } from './signing.js';

describe('signMessage', () => {
  const body = JSON.stringify({
    type: 'webhook.test',
    timestamp: '2026-12-05T12:00:00.000Z',
    data: {},
  });

  it('produces headers the standardwebhooks library verifies', () => {
    const secret = generateSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const headers = signMessage('msg_42', new Date(), body, [secret]);
    expect(headers['webhook-id']).toBe('msg_42');
    expect(headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(new Webhook(secret).verify(body, { ...headers })).toEqual(JSON.parse(body));
  });

  it('during a rotation both the new and the previous secret verify', () => {
    const next = generateSecret();
    const previous = generateSecret();
    const headers = signMessage('msg_7', new Date(), body, [next, previous]);
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(() => new Webhook(next).verify(body, { ...headers })).not.toThrow();
    expect(() => new Webhook(previous).verify(body, { ...headers })).not.toThrow();
    expect(() => new Webhook(generateSecret()).verify(body, { ...headers })).toThrow();
  });

  it('a tampered body fails verification', () => {
    const secret = generateSecret();
    const headers = signMessage('msg_1', new Date(), body, [secret]);
    expect(() =>
      new Webhook(secret).verify(body.replace('{}', '{"x":1}'), { ...headers }),
    ).toThrow();
  });
});
