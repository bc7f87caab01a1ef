import { ValidationFailedError } from '../common/errors/domain-error.js';
import { WireError } from './wire-errors.js';
import { toCreateOrder } from './wire-order.js';

describe('toCreateOrder', () => {
  it('maps snake_case wire fields onto the REST order, integers as numbers', () => {
    const dto = toCreateOrder({
      key: 'ignored',
      action: 'add',
      service: '7',
      link: ' https://example.com/p/1 ',
      quantity: '1000',
      answer_number: '2',
      old_posts: '3',
      type_of_traffic: 1,
      google_keyword: 'shoes',
      referring_url: 'https://ref.example',
      comments: 'one\ntwo',
      runs: '',
      interval: '',
    });
    expect({ ...dto }).toEqual({
      serviceId: 7,
      link: 'https://example.com/p/1',
      quantity: 1000,
      answerNumber: 2,
      oldPosts: 3,
      typeOfTraffic: 1,
      googleKeyword: 'shoes',
      referringUrl: 'https://ref.example',
      comments: 'one\ntwo',
    });
  });

  it('refuses malformed wire values with the panel messages', () => {
    const message = (params: Record<string, unknown>) => {
      try {
        toCreateOrder(params);
      } catch (error) {
        if (error instanceof WireError) return error.message;
        throw error;
      }
      return 'accepted';
    };
    expect(message({ link: 'x', quantity: '10' })).toBe('Incorrect service ID');
    expect(message({ service: 'abc' })).toBe('Incorrect service ID');
    expect(message({ service: '1', quantity: '10.5' })).toBe('Incorrect request');
    expect(message({ service: '1', quantity: '-3' })).toBe('Incorrect request');
    expect(message({ service: '1', answer_number: 'two' })).toBe('Incorrect answer number');
  });

  it("applies the REST DTO's rules (field errors, mapped by the caller)", () => {
    expect(() => toCreateOrder({ service: '1', quantity: '0' })).toThrow(ValidationFailedError);
    expect(() => toCreateOrder({ service: '1', link: 'x'.repeat(3000) })).toThrow(
      ValidationFailedError,
    );
  });
});
