import { quantityLimits } from './quantity-limits.js';

describe('quantityLimits', () => {
  it.each([
    ['Quantity less than minimal 200', { min: 200 }],
    ['Quantity more than maximal 5000', { max: 5000 }],
    ['Min quantity is 100', { min: 100 }],
    ['quantity is greater than the maximum 10,000', { max: 10000 }],
    ['Quantity out of range', {}],
  ])('%s', (message, limits) => {
    expect(quantityLimits(message)).toEqual(limits);
  });
});
