import { classifyUpstreamError, RETRY_ELSEWHERE } from '#smm-protocol';
import { DomainError, ValidationFailedError } from '../common/errors/domain-error.js';
import {
  addFailure,
  addOutcomeUnknown,
  fieldFailure,
  followUpFailure,
  incorrectField,
  internalError,
  quantityAbove,
  quantityBelow,
  WIRE_ERRORS,
} from './wire-errors.js';

describe('the messages mean to a client what they mean from a panel', () => {
  it.each([
    [WIRE_ERRORS.incorrectRequest, 'other'],
    [WIRE_ERRORS.invalidKey, 'invalid_key'],
    [`${WIRE_ERRORS.invalidKey} (it lacks the scope orders:write)`, 'invalid_key'],
    [WIRE_ERRORS.incorrectService, 'unknown_service'],
    [WIRE_ERRORS.incorrectLink, 'bad_link'],
    [quantityBelow(50), 'quantity_out_of_range'],
    [quantityAbove(10000), 'quantity_out_of_range'],
    [WIRE_ERRORS.notEnoughFunds, 'insufficient_funds'],
    [WIRE_ERRORS.activeOrder, 'duplicate_active_order'],
    [WIRE_ERRORS.incorrectOrder, 'unknown_order'],
    [WIRE_ERRORS.refillNotFound, 'unknown_refill'],
    [WIRE_ERRORS.refillNotEligible, 'not_eligible'],
    [WIRE_ERRORS.cancelNotEligible, 'not_eligible'],
    [WIRE_ERRORS.unavailable, 'rate_limited'],
    [`${WIRE_ERRORS.tooManyRequests}: retry in 30 s.`, 'rate_limited'],
    [WIRE_ERRORS.dripFeedUnsupported, 'other'],
    [incorrectField('answerNumber'), 'other'],
    [internalError('abc'), 'other'],
  ])('%s → %s', (message, reason) => {
    expect(classifyUpstreamError(message)).toBe(reason);
  });

  it('an add whose outcome is unknown is never read as a refusal worth retrying', () => {
    // Sent with HTTP 503: a 5xx whose message is `other` is ambiguous for the client.
    const reason = classifyUpstreamError(addOutcomeUnknown('abc'));
    expect(reason).toBe('other');
    expect(RETRY_ELSEWHERE[reason]).toBe(false);
  });
});

describe('addFailure', () => {
  const invalid = (field: string, message: string) =>
    addFailure(new ValidationFailedError([{ field, message }]));

  it('maps validation by field, in the order panels check them', () => {
    expect(invalid('serviceId', 'service 9 does not exist')).toBe('Incorrect service ID');
    expect(invalid('link', 'link is required for Default services')).toBe('Incorrect link');
    expect(invalid('quantity', 'quantity is required for Default services')).toBe(
      'Incorrect request',
    );
    expect(invalid('quantity', 'quantity must not be less than 1')).toEqual({
      quantity: 'below_min',
    });
    expect(invalid('quantity', 'quantity is not accepted by Package services')).toBe(
      'Incorrect quantity',
    );
    expect(invalid('runs', 'runs: this service does not support drip-feed')).toBe(
      'This service does not support Drip-feed feature',
    );
    expect(invalid('typeOfTraffic', 'must be an integer from 1 to 3')).toBe(
      'Incorrect type of traffic',
    );
    expect(
      fieldFailure([
        { field: 'quantity', message: 'quantity is required' },
        { field: 'comments', message: 'comments is required' },
        { field: 'link', message: 'link is required' },
      ]),
    ).toBe('Incorrect link');
  });

  it('maps the gateway refusals', () => {
    const failure = (code: ConstructorParameters<typeof DomainError>[0], ext = {}) =>
      addFailure(new DomainError(code, 'detail text', ext));
    expect(failure('not_found')).toBe('Incorrect service ID');
    expect(failure('insufficient_funds')).toBe('Not enough funds on balance');
    expect(failure('no_eligible_offer', { reasons: ['quantity_below_min'] })).toEqual({
      quantity: 'below_min',
    });
    expect(failure('no_eligible_offer', { reasons: ['quantity_above_max'] })).toEqual({
      quantity: 'above_max',
    });
    expect(
      failure('no_eligible_offer', { reasons: ['quantity_above_max', 'quantity_below_min'] }),
    ).toEqual({ quantity: 'out_of_range' });
    expect(failure('no_eligible_offer', { reasons: ['insufficient_balance'] })).toBe(
      'Incorrect service ID',
    );
    expect(failure('order_rejected', { reason: 'bad_link' })).toBe('Incorrect link');
    expect(failure('order_rejected', { reason: 'duplicate_active_order' })).toBe(
      WIRE_ERRORS.activeOrder,
    );
    expect(failure('order_rejected', { reason: 'other' })).toBe('detail text');
    expect(failure('order_rejected', { reason: 'other', message: 'Private account' })).toBe(
      'Private account',
    );
    // Refusals of our accounts upstream: a retry can succeed once they are fixed.
    for (const reason of ['insufficient_funds', 'rate_limited', 'invalid_key', 'unknown_service']) {
      expect(failure('order_rejected', { reason, message: 'Not enough funds' }), reason).toBe(
        WIRE_ERRORS.unavailable,
      );
    }
    // Every upstream refused the quantity: their limit, which no retry passes.
    expect(failure('quantity_out_of_range', { min: 200 })).toBe('Quantity less than minimal 200');
    expect(failure('quantity_out_of_range', { max: 900 })).toBe('Quantity more than maximal 900');
    expect(failure('order_rejected', { attempts: [] })).toBe(WIRE_ERRORS.unavailable);
    expect(failure('upstreams_unavailable')).toBe(WIRE_ERRORS.unavailable);
    expect(failure('currency_rate_unavailable')).toBe(WIRE_ERRORS.unavailable);
  });
});

describe('followUpFailure', () => {
  it.each([
    ['not_found', 'refill', 'Incorrect order ID'],
    ['refill_not_supported', 'refill', 'Order not eligible for refill.'],
    ['order_not_eligible', 'refill', 'Order not eligible for refill.'],
    ['cancel_not_supported', 'cancel', 'Order not eligible for cancel.'],
    ['order_not_eligible', 'cancel', 'Order not eligible for cancel.'],
    ['upstreams_unavailable', 'cancel', WIRE_ERRORS.unavailable],
  ] as const)('%s on %s → %s', (code, action, message) => {
    expect(followUpFailure(code, 'detail', action)).toBe(message);
  });
});
