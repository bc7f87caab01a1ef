import { mapUpstreamStatus, partnerStatus } from './order-status.js';
import { nextPollDelaySeconds } from './poll-schedule.js';
import { refundFor } from './settlement.js';

describe('order status mapping', () => {
  it('maps every upstream status, keeping the current one for unknown values', () => {
    expect(mapUpstreamStatus('in_progress', 'pending')).toBe('in_progress');
    expect(mapUpstreamStatus('refunded', 'pending')).toBe('canceled');
    expect(mapUpstreamStatus('failed', 'in_progress')).toBe('canceled');
    expect(mapUpstreamStatus('unknown', 'in_progress')).toBe('in_progress');
  });

  it('shows internal states to partners as pending', () => {
    expect(partnerStatus('placing')).toBe('pending');
    expect(partnerStatus('needs_reconciliation')).toBe('pending');
    expect(partnerStatus('partial')).toBe('partial');
  });
});

describe('refunds', () => {
  it('refunds remains/quantity of the charge on partial, rounded down at 5 decimals', () => {
    expect(refundFor('partial', '0.27819', 1000, 157)!.toFixed()).toBe('0.04367');
    expect(refundFor('partial', '1', 3, 1)!.toFixed()).toBe('0.33333');
  });

  it('refunds the whole charge on cancel and nothing for over-delivery', () => {
    expect(refundFor('canceled', '12.5', 1000, 1000)!.toFixed()).toBe('12.5');
    expect(refundFor('partial', '12.5', 1000, -20)!.toFixed()).toBe('0');
    expect(refundFor('partial', '12.5', 1000, 1000)!.toFixed()).toBe('12.5');
  });

  it('cannot compute a partial refund from unknown remains', () => {
    expect(refundFor('partial', '12.5', 1000, null)).toBeNull();
    // More remaining than ordered (a package panel counting lines): not guessed, left to an admin.
    expect(refundFor('partial', '1.99', 1, 2)).toBeNull();
  });
});

describe('poll schedule', () => {
  it('backs off exponentially and caps', () => {
    expect([0, 1, 2, 3].map((polls) => nextPollDelaySeconds(polls))).toEqual([10, 20, 40, 80]);
    expect(nextPollDelaySeconds(50)).toBe(600);
  });
});
