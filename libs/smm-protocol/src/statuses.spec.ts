import { isTerminalOrderStatus, normalizeOrderStatus, normalizeRefillStatus } from './statuses.js';

describe('status spellings', () => {
  it.each([
    ['Pending', 'pending'],
    ['In progress', 'in_progress'],
    ['in_progress', 'in_progress'],
    ['Processing', 'in_progress'],
    ['Completed', 'completed'],
    ['COMPLETED', 'completed'],
    ['Partial', 'partial'],
    ['Canceled', 'canceled'],
    ['Cancelled', 'canceled'],
    ['Refunded', 'refunded'],
    ['Fail', 'failed'],
    ['Error', 'failed'],
    ['  partial ', 'partial'],
    ['Queued', 'unknown'],
    ['', 'unknown'],
  ])('order %j → %s', (raw, status) => {
    expect(normalizeOrderStatus(raw)).toBe(status);
  });

  it.each([
    ['Pending', 'pending'],
    ['In progress', 'in_progress'],
    ['Completed', 'completed'],
    ['Rejected', 'rejected'],
    ['Error', 'error'],
    ['Canceled', 'canceled'],
    ['Cancelled', 'canceled'],
    ['Awaiting', 'unknown'],
  ])('refill %j → %s', (raw, status) => {
    expect(normalizeRefillStatus(raw)).toBe(status);
  });

  it('terminal statuses are the reference list: unknown and failed keep being polled', () => {
    const terminal = (
      [
        'pending',
        'in_progress',
        'completed',
        'partial',
        'canceled',
        'refunded',
        'failed',
        'unknown',
      ] as const
    ).filter(isTerminalOrderStatus);
    expect(terminal).toEqual(['completed', 'partial', 'canceled', 'refunded']);
  });
});
