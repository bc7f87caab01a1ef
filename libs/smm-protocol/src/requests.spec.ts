import { SmmRequestError } from './errors.js';
import * as requests from './requests.js';
import { encodeRequest } from './transport.js';

describe('request builders', () => {
  it('normalizes ids and joins lists with commas', () => {
    expect(requests.statusRequest(7)).toEqual({ action: 'status', fields: { order: '7' } });
    expect(requests.multiStatusRequest([1, '002', ' 3 '])).toEqual({
      action: 'status',
      fields: { orders: '1,2,3' },
    });
    expect(requests.refillRequest('5').fields).toEqual({ order: '5' });
    expect(requests.multiRefillRequest([5, 6]).fields).toEqual({ orders: '5,6' });
    expect(requests.refillStatusRequest(9)).toEqual({
      action: 'refill_status',
      fields: { refill: '9' },
    });
    expect(requests.multiRefillStatusRequest([9, 10]).fields).toEqual({ refills: '9,10' });
    expect(requests.cancelRequest([1]).fields).toEqual({ orders: '1' });
    expect(requests.servicesRequest()).toEqual({ action: 'services', fields: {} });
    expect(requests.balanceRequest()).toEqual({ action: 'balance', fields: {} });
  });

  it.each([0, -1, 1.5, 'abc', '', '1,2', Number.MAX_SAFE_INTEGER + 2])(
    'refuses the id %j',
    (id) => {
      expect(() => requests.statusRequest(id)).toThrow(SmmRequestError);
    },
  );

  it('refuses an empty list and more than 100 ids', () => {
    expect(() => requests.cancelRequest([])).toThrow(/at least one id/);
    expect(() => requests.multiStatusRequest(Array.from({ length: 101 }, (_, i) => i + 1))).toThrow(
      /at most 100/,
    );
    expect(
      requests
        .multiStatusRequest(Array.from({ length: 100 }, (_, i) => i + 1))
        .fields['orders']!.split(','),
    ).toHaveLength(100);
  });

  it('chunks lists into calls of 100', () => {
    expect(requests.chunk(Array.from({ length: 250 }, (_, i) => i)).map((c) => c.length)).toEqual([
      100, 100, 50,
    ]);
    expect(requests.chunk([])).toEqual([]);
  });
});

describe('encodeRequest', () => {
  const endpoint = new URL('https://panel.example/api/v2?lang=en');
  const request = requests.addRequest({ service: 1, link: 'https://x.y/a b', quantity: 10 });

  it('form: a POST body in canonical order, key first', () => {
    const encoded = encodeRequest(endpoint, request, 's3cret', 'form');
    expect(encoded).toMatchObject({
      method: 'POST',
      url: endpoint.href,
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(encoded.body).toBe(
      'key=s3cret&action=add&service=1&link=https%3A%2F%2Fx.y%2Fa+b&quantity=10',
    );
    expect(encoded.redacted).toBe(
      'key=[redacted]&action=add&service=1&link=https%3A%2F%2Fx.y%2Fa+b&quantity=10',
    );
  });

  it("query: a GET that keeps the URL's own parameters", () => {
    const encoded = encodeRequest(endpoint, request, 's3cret', 'query');
    expect(encoded.method).toBe('GET');
    expect(encoded.body).toBeUndefined();
    expect(encoded.url).toBe(
      'https://panel.example/api/v2?lang=en&key=s3cret&action=add&service=1&link=https%3A%2F%2Fx.y%2Fa+b&quantity=10',
    );
    expect(encoded.redacted).not.toContain('s3cret');
  });

  it('json: a POST with a JSON object of strings', () => {
    const encoded = encodeRequest(endpoint, request, 's3cret', 'json');
    expect(encoded.contentType).toBe('application/json');
    expect(JSON.parse(encoded.body!)).toEqual({
      key: 's3cret',
      action: 'add',
      service: '1',
      link: 'https://x.y/a b',
      quantity: '10',
    });
    expect(JSON.parse(encoded.redacted)).toMatchObject({ key: '[redacted]' });
  });
});
