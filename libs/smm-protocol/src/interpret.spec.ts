import { interpretResponse } from './interpret.js';
import { parseAddResponse, parseBalanceResponse } from './parse-responses.js';

const add = (httpStatus: number, body: string) =>
  interpretResponse('add', { httpStatus, body }, parseAddResponse);

describe('interpretResponse: where "not placed" ends for add', () => {
  it.each([
    ['{"error":""}', 'an empty message'],
    ['{"error":{"message":"Incorrect link"}}', 'a nested message'],
    ['{"error":true}', 'a flag'],
    ['"ok"', 'a bare JSON string'],
    ['[]', 'a list'],
    ['{"order":"abc"}', 'a non-numeric order id'],
    ['{"order":-5}', 'a negative order id'],
  ])('%s (%s) is ambiguous', (body) => {
    expect(add(200, body).kind).toBe('ambiguous');
  });

  it('a JSON error with a 4xx status is still a clean rejection', () => {
    expect(add(403, '{"error":"Invalid API key"}')).toMatchObject({
      kind: 'rejected',
      reason: 'invalid_key',
    });
    expect(add(400, '{"error":"Something odd"}')).toMatchObject({
      kind: 'rejected',
      reason: 'other',
      retryElsewhere: false,
    });
  });

  it('a 5xx with a message we recognize is a rejection, one we do not is ambiguous', () => {
    expect(add(503, '{"error":"Not enough funds on balance"}')).toMatchObject({
      kind: 'rejected',
      reason: 'insufficient_funds',
    });
    expect(add(503, '{"error":"Database gone"}')).toMatchObject({
      kind: 'ambiguous',
      cause: 'http_status',
    });
  });

  it('a clean order id is a placed order even behind an odd status', () => {
    expect(add(500, '{"order":42}')).toMatchObject({ kind: 'success', value: { orderId: '42' } });
  });

  it('an error message in a body with 429 is kept', () => {
    expect(add(429, '{"error":"Too many requests, slow down"}')).toMatchObject({
      kind: 'rejected',
      reason: 'rate_limited',
      message: 'Too many requests, slow down',
    });
  });

  it('"Too many requests" with HTTP 200 is a rate limit too', () => {
    expect(add(200, '{"error":"Too many requests"}')).toMatchObject({
      kind: 'rejected',
      reason: 'rate_limited',
      retryElsewhere: true,
    });
  });

  it('other actions report what they could not read', () => {
    expect(
      interpretResponse(
        'balance',
        { httpStatus: 200, body: '{"balance":"1,5"}' },
        parseBalanceResponse,
      ),
    ).toMatchObject({
      kind: 'ambiguous',
      cause: 'unexpected_shape',
      message: 'unexpected balance answer: balance: expected a decimal number, got "1,5"',
    });
  });
});
