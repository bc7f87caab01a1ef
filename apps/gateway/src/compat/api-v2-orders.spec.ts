import { Logger } from '@nestjs/common';
import { DomainError } from '../common/errors/domain-error.js';
import type { OrderPlacementService } from '../orders/placement/order-placement.service.js';
import type { RoutingService } from '../routing/routing.service.js';
import type { ApiV2Idempotency } from './api-v2-idempotency.js';
import { ApiV2Orders } from './api-v2-orders.js';
import { WireError } from './wire-errors.js';

const PARAMS = { service: '3', link: 'https://example.com/p/1', quantity: '5' };

function ordersThatThrow(error: unknown): OrderPlacementService {
  return { place: () => Promise.reject(error) } as unknown as OrderPlacementService;
}

/** No idempotency key in these calls: the placement runs as is. */
const noKeys = {
  add: (_p: number, _k: unknown, _params: unknown, place: (key: null) => unknown) => place(null),
} as unknown as ApiV2Idempotency;

const routing = {
  service: () => Promise.resolve({ id: 3, type: 'Default', dripfeed: false }),
  catalogEntry: () => Promise.resolve({ summary: { min: 10, max: 5000 } }),
} as unknown as RoutingService;

async function refusal(orders: OrderPlacementService): Promise<WireError> {
  try {
    await new ApiV2Orders(orders, routing, noKeys).add(1, PARAMS, 'req-1');
  } catch (error) {
    if (error instanceof WireError) return error;
    throw error;
  }
  throw new Error('placed');
}

describe('ApiV2Orders.add', () => {
  beforeAll(() => Logger.overrideLogger(false));

  it('answers the order id of a placement, ambiguous ones included', async () => {
    const orders = { place: () => Promise.resolve({ id: 42 }) } as unknown as OrderPlacementService;
    await expect(new ApiV2Orders(orders, routing, noKeys).add(1, PARAMS, 'r')).resolves.toEqual({
      order: 42,
    });
  });

  it("names the service's limits when routing finds the quantity out of range", async () => {
    const below = new DomainError('no_eligible_offer', 'x', { reasons: ['quantity_below_min'] });
    expect((await refusal(ordersThatThrow(below))).message).toBe('Quantity less than minimal 10');
    const above = new DomainError('no_eligible_offer', 'x', { reasons: ['quantity_above_max'] });
    expect((await refusal(ordersThatThrow(above))).message).toBe('Quantity more than maximal 5000');
  });

  it('an unexpected failure is not a refusal: 503, outcome unknown, request id quoted', async () => {
    const error = await refusal(ordersThatThrow(new Error('connection lost')));
    expect(error.status).toBe(503);
    expect(error.message).toContain('req-1');
    expect(error.message).toContain('not known');
  });
});
