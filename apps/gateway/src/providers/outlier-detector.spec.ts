import type { SmmOutcome } from '#smm-protocol';
import { healthSignal, OutlierDetector } from './outlier-detector.js';

const outcome = (o: Record<string, unknown>) => o as unknown as SmmOutcome<unknown>;

describe('healthSignal: what a call says about the upstream', () => {
  it('counts failed and ambiguous calls and a refused key as failures', () => {
    expect(healthSignal(outcome({ kind: 'failed', cause: 'connection_refused' }))).toBe('failure');
    expect(healthSignal(outcome({ kind: 'ambiguous', cause: 'timeout' }))).toBe('failure');
    expect(healthSignal(outcome({ kind: 'rejected', reason: 'invalid_key' }))).toBe('failure');
  });

  it('does not count refusals about the request, rate limits or our own bad requests', () => {
    for (const reason of ['insufficient_funds', 'quantity_out_of_range', 'bad_link', 'other']) {
      expect(healthSignal(outcome({ kind: 'rejected', reason }))).toBe('ok');
    }
    expect(healthSignal(outcome({ kind: 'rejected', reason: 'rate_limited' }))).toBe('neutral');
    expect(healthSignal(outcome({ kind: 'failed', cause: 'invalid_request' }))).toBe('neutral');
    expect(healthSignal(outcome({ kind: 'success', value: 1 }))).toBe('ok');
  });
});

describe('OutlierDetector', () => {
  let now = 0;
  const detector = () =>
    new OutlierDetector(
      { consecutiveFailures: 3, windowMs: 60_000, minCallsForRate: 10, failureRate: 0.5 },
      () => now,
    );
  beforeEach(() => (now = 1_000_000));

  it('ejects after N consecutive failures; a success resets the streak', () => {
    const d = detector();
    expect(d.record(1, 'failure')).toBeNull();
    expect(d.record(1, 'failure')).toBeNull();
    expect(d.record(1, 'ok')).toBeNull();
    expect(d.record(1, 'failure')).toBeNull();
    expect(d.record(1, 'neutral')).toBeNull();
    expect(d.record(1, 'failure')).toBeNull();
    expect(d.record(2, 'failure')).toBeNull(); // another provider
    expect(d.record(1, 'failure')).toBe('3 consecutive failed or ambiguous calls');
  });

  it('ejects on the failure rate over the window, not before the minimum of calls', () => {
    const d = detector();
    const verdicts: (string | null)[] = [];
    for (let i = 0; i < 10; i++) verdicts.push(d.record(1, i % 2 === 0 ? 'failure' : 'ok'));
    expect(verdicts.slice(0, 9).every((v) => v === null)).toBe(true);
    expect(verdicts[8]).toBeNull();
    expect(d.record(1, 'failure')).toBe('6 of 11 calls failed in the last 60 s');
  });

  it('forgets calls older than the window, and everything after reset', () => {
    const d = detector();
    for (let i = 0; i < 10; i++) d.record(1, i % 2 === 0 ? 'failure' : 'ok');
    now += 61_000;
    expect(d.record(1, 'failure')).toBeNull();
    d.reset(1);
    expect(d.record(1, 'failure')).toBeNull();
    expect(d.record(1, 'failure')).toBeNull();
  });
});
