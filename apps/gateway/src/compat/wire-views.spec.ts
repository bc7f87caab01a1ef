import type { OrderDto } from '../orders/dto/order-view.dto.js';
import { wireMoney, wireService, wireStatus } from './wire-views.js';

const order = (over: Partial<OrderDto>): OrderDto => ({
  id: 1,
  status: 'pending',
  serviceId: 1,
  link: 'https://example.com',
  quantity: 1000,
  runs: null,
  interval: null,
  charge: '1.1',
  refunded: '0',
  currency: 'USD',
  startCount: null,
  remains: null,
  params: {},
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  ...over,
});

describe('wireStatus', () => {
  it('answers the canonical strings', () => {
    expect(
      wireStatus(
        order({
          status: 'partial',
          charge: '0.3',
          refunded: '0.02181',
          startCount: 3572,
          remains: 157,
        }),
      ),
    ).toEqual({
      charge: '0.27819',
      start_count: '3572',
      status: 'Partial',
      remains: '157',
      currency: 'USD',
    });
  });

  it('until the upstream reports: start_count 0, remains all units (× runs)', () => {
    expect(wireStatus(order({ runs: 3, quantity: 100 }))).toMatchObject({
      status: 'Pending',
      start_count: '0',
      remains: '300',
      charge: '1.10000',
    });
  });

  it.each([
    ['in_progress', 'In progress'],
    ['completed', 'Completed'],
    ['canceled', 'Canceled'],
    ['failed', 'Canceled'],
  ] as const)('%s reads %s', (status, panel) => {
    expect(wireStatus(order({ status })).status).toBe(panel);
  });

  it('a failed order: nothing delivered, everything refunded', () => {
    expect(wireStatus(order({ status: 'failed', refunded: '1.1', remains: 5 }))).toMatchObject({
      charge: '0.00000',
      remains: '1000',
      status: 'Canceled',
    });
  });
});

describe('wireMoney', () => {
  it('at least 5 decimals, never rounded', () => {
    expect(wireMoney('100.84292')).toBe('100.84292');
    expect(wireMoney('1000')).toBe('1000.00000');
    expect(wireMoney('0.000000000001')).toBe('0.000000000001');
    expect(wireMoney('12345678901234567890.1')).toBe('12345678901234567890.10000');
  });
});

describe('wireService', () => {
  it('ids as integers, rate/min/max as strings, flags as booleans, desc as text', () => {
    expect(
      wireService({
        id: 1,
        name: 'Followers',
        category: 'First Category',
        type: 'Default',
        rate: '0.90',
        currency: 'USD',
        min: 50,
        max: 10000,
        refill: true,
        cancel: true,
        dripfeed: false,
        description: null,
      }),
    ).toEqual({
      service: 1,
      name: 'Followers',
      type: 'Default',
      category: 'First Category',
      rate: '0.90',
      min: '50',
      max: '10000',
      refill: true,
      cancel: true,
      dripfeed: false,
      desc: '',
    });
  });
});
