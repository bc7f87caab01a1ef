import { Decimal } from 'decimal.js';
import { fixture } from '../test/fixtures.js';
import { interpretResponse } from './interpret.js';
import type { SmmOutcome } from './outcome.js';
import * as parse from './parse-responses.js';
import { parseServicesResponse } from './parse-services.js';
import type { SmmAction } from './requests.js';

/** Interprets a fixture as an HTTP 200 answer (unless told otherwise). */
function answer<T>(
  action: SmmAction,
  file: string,
  parser: (json: unknown) => T,
  httpStatus = 200,
): SmmOutcome<T> {
  return interpretResponse(action, { httpStatus, body: fixture(file) }, parser);
}

function value<T>(outcome: SmmOutcome<T>): T {
  if (outcome.kind !== 'success')
    throw new Error(`expected success, got ${JSON.stringify(outcome)}`);
  return outcome.value;
}

const exactly = (d: Decimal | null | undefined) => d?.toFixed();

describe('services fixtures', () => {
  it('reads the canonical catalog', () => {
    const { services, invalid } = value(
      answer('services', 'services-canonical.json', parseServicesResponse),
    );
    expect(invalid).toEqual([]);
    expect(services).toHaveLength(2);
    const [followers] = services;
    expect(followers).toMatchObject({
      id: '1',
      name: 'Followers',
      type: 'Default',
      rawType: 'Default',
      category: 'First Category',
      min: 50,
      max: 10000,
      refill: true,
      cancel: true,
      dripfeed: null,
      description: null,
    });
    expect(exactly(followers!.rate)).toBe('0.9');
    expect(services[1]!.type).toBe('Custom Comments');
  });

  it('accepts string ids, numeric rates, 0/1 and "1" flags, missing flags, desc and description', () => {
    const { services, invalid } = value(
      answer('services', 'services-variants.json', parseServicesResponse),
    );
    expect(invalid).toEqual([]);
    const byId = new Map(services.map((s) => [s.id, s]));
    expect(byId.get('101')).toMatchObject({
      min: 100,
      max: 50000,
      refill: true,
      cancel: false,
      dripfeed: true,
    });
    expect(exactly(byId.get('101')!.rate)).toBe('0.45');
    const views = byId.get('102')!;
    expect(views.rate.equals(new Decimal('0.00001'))).toBe(true);
    expect(views.rate.toFixed()).toBe('0.00001');
    expect(views).toMatchObject({
      max: 100000000,
      refill: true,
      cancel: false,
      dripfeed: false,
      description: 'Fast start',
    });
    expect(byId.get('103')).toMatchObject({ type: 'Package', refill: null, cancel: null });
    const mentions = byId.get('104')!;
    expect(mentions).toMatchObject({
      name: 'Mentions',
      category: 'Инстаграм',
      type: 'Mentions Custom List',
      rawType: 'mentions custom list',
      description: 'Usernames, one per line',
    });
    expect(exactly(mentions.rate)).toBe('3.1234567');
    expect(byId.get('105')).toMatchObject({
      type: null,
      rawType: 'Custom Comments Package Plus',
      refill: true,
      cancel: false,
    });
  });

  it('reports dead, duplicate and malformed entries instead of guessing', () => {
    const { services, invalid } = value(
      answer('services', 'services-dirty.json', parseServicesResponse),
    );
    expect(services.map((s) => s.id)).toEqual(['1', '6']);
    expect(exactly(services[0]!.rate)).toBe('0.9'); // the first of the duplicates is kept
    expect(invalid.map((e) => [e.index, e.id])).toEqual([
      [1, '1'],
      [2, '3'],
      [3, '4'],
      [4, '5'],
      [5, null],
    ]);
    expect(invalid[0]!.problem).toBe('duplicate service id 1');
    expect(invalid[1]!.problem).toMatch(/^\[2\]\.rate: expected a decimal number/);
    expect(invalid[2]!.problem).toMatch(/^\[3\]\.rate/);
    expect(invalid[3]!.problem).toMatch(/^\[4\]\.min: expected an integer/);
  });

  it('unescapes `\\/` and unicode escapes', () => {
    const { services } = value(answer('services', 'services-escaped.json', parseServicesResponse));
    expect(services[0]).toMatchObject({
      name: 'Website traffic from https://google.com / search',
      category: 'Traffic — été',
      type: 'Web Traffic',
      description: '<p>Visits from <a href="https://example.com/path">example</a></p>',
    });
  });

  it('treats a truncated catalog as ambiguous', () => {
    expect(answer('services', 'truncated-services.txt', parseServicesResponse)).toMatchObject({
      kind: 'ambiguous',
      cause: 'invalid_json',
      message: 'HTTP 200 with truncated JSON',
    });
  });
});

describe('add fixtures', () => {
  it.each(['add-success.json', 'add-success-string.json'])('%s is a placed order', (file) => {
    expect(value(answer('add', file, parse.parseAddResponse))).toEqual({ orderId: '23501' });
  });

  it.each([
    ['add-error-incorrect-request.json', 'other', false, 'Incorrect request'],
    ['add-error-invalid-api-key.json', 'invalid_key', true, 'Invalid API key'],
    ['add-error-incorrect-api-key.json', 'invalid_key', true, 'Incorrect API key'],
    ['add-error-incorrect-service-id.json', 'unknown_service', true, 'Incorrect service ID'],
    ['add-error-incorrect-link.json', 'bad_link', false, 'Incorrect link'],
    ['add-error-bad-link.json', 'bad_link', false, 'Bad link'],
    [
      'add-error-quantity-less.json',
      'quantity_out_of_range',
      true,
      'Quantity less than minimal 50',
    ],
    [
      'add-error-quantity-more.json',
      'quantity_out_of_range',
      true,
      'Quantity more than maximal 10000',
    ],
    ['add-error-not-enough-funds.json', 'insufficient_funds', true, 'Not enough funds on balance'],
    [
      'add-error-active-order.json',
      'duplicate_active_order',
      false,
      'You have active order with this link. Please wait until order being completed.',
    ],
  ])('%s is rejected as %s (retry elsewhere: %s)', (file, reason, retryElsewhere, message) => {
    expect(answer('add', file, parse.parseAddResponse)).toMatchObject({
      kind: 'rejected',
      reason,
      retryElsewhere,
      message,
    });
  });

  it.each([
    ['add-order-and-error.json', 'unexpected_shape'],
    ['add-order-zero.json', 'unexpected_shape'],
    ['add-unexpected-shape.json', 'unexpected_shape'],
    ['truncated-add.txt', 'invalid_json'],
  ])('%s may have placed the order: ambiguous (%s)', (file, cause) => {
    expect(answer('add', file, parse.parseAddResponse)).toMatchObject({ kind: 'ambiguous', cause });
  });

  it('an HTML 502 page is ambiguous, and its body is kept for diagnostics', () => {
    const outcome = answer('add', 'html-502.html', parse.parseAddResponse, 502);
    expect(outcome).toMatchObject({
      kind: 'ambiguous',
      cause: 'http_status',
      message: 'HTTP 502 with a body that is not JSON',
    });
    expect(outcome.diagnostics.response).toContain('502 Bad Gateway');
  });

  it('an HTML page with HTTP 200 is ambiguous too', () => {
    expect(answer('add', 'html-502.html', parse.parseAddResponse, 200)).toMatchObject({
      kind: 'ambiguous',
      cause: 'not_json',
    });
  });

  it('HTTP 429 is a rate-limit rejection whatever the body', () => {
    expect(answer('add', 'html-502.html', parse.parseAddResponse, 429)).toMatchObject({
      kind: 'rejected',
      reason: 'rate_limited',
      retryElsewhere: true,
    });
  });

  it('an unclassified error with HTTP 500 may have placed the order', () => {
    const outcome = interpretResponse(
      'add',
      { httpStatus: 500, body: '{"error":"Internal error"}' },
      parse.parseAddResponse,
    );
    expect(outcome).toMatchObject({
      kind: 'ambiguous',
      cause: 'http_status',
      message: 'HTTP 500: Internal error',
    });
  });
});

describe('status fixtures', () => {
  it('reads the canonical answer with exact charge and integer counts', () => {
    const status = value(answer('status', 'status-one.json', (j) => parse.parseStatusResponse(j)));
    expect({ ...status, charge: exactly(status.charge) }).toEqual({
      status: 'partial',
      rawStatus: 'Partial',
      charge: '0.27819',
      startCount: 3572,
      remains: 157,
      currency: 'USD',
    });
  });

  it.each([
    ['status-one-numbers.json', 'in_progress', 'In progress', '0.27819', 3572, 157, 'USD'],
    ['status-one-negative-remains.json', 'completed', 'completed', '1', 0, -25, 'USD'],
    ['status-one-unknown-remains.json', 'in_progress', 'Processing', '0.5', null, null, 'EUR'],
    ['status-one-cancelled.json', 'canceled', 'Cancelled', '0', 120, 1000, 'USD'],
    ['status-one-refunded.json', 'refunded', 'Refunded', '0.9', 10, 1000, null],
    ['status-one-fail.json', 'failed', 'Fail', '0.9', null, 1000, 'USD'],
    ['status-one-unknown-status.json', 'unknown', 'Queued for moderation', '0.9', 5, 1000, 'USD'],
  ])('%s → %s', (file, status, rawStatus, charge, startCount, remains, currency) => {
    const info = value(answer('status', file, (j) => parse.parseStatusResponse(j)));
    expect({ ...info, charge: exactly(info.charge) }).toEqual({
      status,
      rawStatus,
      charge,
      startCount,
      remains,
      currency,
    });
  });

  it('"Incorrect order ID" is a rejection naming the unknown order', () => {
    expect(
      answer('status', 'status-error-incorrect-order-id.json', (j) => parse.parseStatusResponse(j)),
    ).toMatchObject({
      kind: 'rejected',
      reason: 'unknown_order',
      retryElsewhere: false,
      message: 'Incorrect order ID',
    });
  });

  it('a truncated status is ambiguous', () => {
    expect(
      answer('status', 'truncated-status.txt', (j) => parse.parseStatusResponse(j)),
    ).toMatchObject({
      kind: 'ambiguous',
      cause: 'invalid_json',
    });
  });

  it.each(['status-many.json', 'status-many-bare-string.json'])(
    '%s: a result per id, errors per id',
    (file) => {
      const results = value(
        answer('status', file, (j) =>
          parse.parseMultiStatusResponse(j, ['1', '10', '100', '1000']),
        ),
      );
      expect([...results.keys()]).toEqual(['1', '10', '100', '1000']);
      const first = results.get('1');
      expect(first?.kind === 'ok' && first.value.status).toBe('partial');
      expect(first?.kind === 'ok' && exactly(first.value.charge)).toBe('0.27819');
      expect(results.get('10')).toEqual({
        kind: 'error',
        reason: 'unknown_order',
        message: 'Incorrect order ID',
      });
      const hundred = results.get('100');
      expect(hundred?.kind).toBe('ok');
      expect(results.get('1000')).toEqual({
        kind: 'invalid',
        message: 'missing from the response',
      });
    },
  );

  it('keeps "Unknown" remains in a multi answer as null', () => {
    const results = value(
      answer('status', 'status-many-bare-string.json', (j) => parse.parseMultiStatusResponse(j)),
    );
    const entry = results.get('100');
    expect(entry?.kind === 'ok' && entry.value).toMatchObject({ status: 'pending', remains: null });
  });
});

describe('refill, refill_status, cancel and balance fixtures', () => {
  it('refill (one) gives the refill id as a string', () => {
    expect(value(answer('refill', 'refill-one.json', parse.parseRefillResponse))).toEqual({
      refillId: '1',
    });
  });

  it('refill not eligible is a rejection that no other upstream can fix', () => {
    expect(
      answer('refill', 'refill-error-not-eligible.json', parse.parseRefillResponse),
    ).toMatchObject({
      kind: 'rejected',
      reason: 'not_eligible',
      retryElsewhere: false,
      message: 'Order not eligible for refill.',
    });
  });

  it('refill (many) is keyed by order id', () => {
    const results = value(
      answer('refill', 'refill-many.json', (j) => parse.parseMultiRefillResponse(j)),
    );
    expect(Object.fromEntries(results)).toEqual({
      '1': { kind: 'ok', value: '1' },
      '2': { kind: 'ok', value: '2' },
      '3': { kind: 'error', reason: 'unknown_order', message: 'Incorrect order ID' },
    });
  });

  it('refill_status (one)', () => {
    expect(
      value(
        answer('refill_status', 'refill-status-one.json', (j) =>
          parse.parseRefillStatusResponse(j),
        ),
      ),
    ).toEqual({
      status: 'completed',
      rawStatus: 'Completed',
    });
    expect(
      answer('refill_status', 'refill-status-error-not-found.json', (j) =>
        parse.parseRefillStatusResponse(j),
      ),
    ).toMatchObject({ kind: 'rejected', reason: 'unknown_refill', message: 'Refill not found' });
  });

  it('refill_status (many), including a bare error string in the status slot', () => {
    const results = value(
      answer('refill_status', 'refill-status-many.json', (j) =>
        parse.parseMultiRefillStatusResponse(j),
      ),
    );
    expect(Object.fromEntries(results)).toEqual({
      '1': { kind: 'ok', value: { status: 'completed', rawStatus: 'Completed' } },
      '2': { kind: 'ok', value: { status: 'rejected', rawStatus: 'Rejected' } },
      '3': { kind: 'error', reason: 'unknown_refill', message: 'Refill not found' },
      '4': { kind: 'error', reason: 'unknown_refill', message: 'Refill not found' },
      '5': { kind: 'ok', value: { status: 'canceled', rawStatus: 'Canceled' } },
    });
  });

  it('cancel is keyed by order id', () => {
    const results = value(
      answer('cancel', 'cancel.json', (j) => parse.parseCancelResponse(j, ['2', '9'])),
    );
    expect(Object.fromEntries(results)).toEqual({
      '2': { kind: 'ok', value: true },
      '9': { kind: 'error', reason: 'unknown_order', message: 'Incorrect order ID' },
    });
  });

  it.each([
    ['balance.json', '100.84292', 'USD'],
    ['balance-large.json', '123456789.12345', 'USD'],
    // 24 significant digits: a float would have kept 17 of them.
    ['balance-number-long.json', '12345678901234.123456789', 'RUB'],
  ])('%s keeps the balance exact', (file, balance, currency) => {
    const result = value(answer('balance', file, parse.parseBalanceResponse));
    expect(result.balance.toFixed()).toBe(balance);
    expect(result.currency).toBe(currency);
  });
});
