import type { SmmOutcome } from '#smm-protocol';

/** What one upstream call says about the upstream's health. */
export type HealthSignal = 'ok' | 'failure' | 'neutral';

/**
 * Failed and ambiguous calls are failures of the upstream, and so is a refused API key (our
 * account there is unusable). A refusal about the request (funds, quantity, link, service,
 * order id...) shows a healthy upstream answering; a rate-limit refusal and a request we could not
 * even build say nothing either way.
 */
export function healthSignal(outcome: SmmOutcome<unknown>): HealthSignal {
  switch (outcome.kind) {
    case 'success':
      return 'ok';
    case 'ambiguous':
      return 'failure';
    case 'failed':
      return outcome.cause === 'invalid_request' ? 'neutral' : 'failure';
    case 'rejected':
      if (outcome.reason === 'invalid_key') return 'failure';
      return outcome.reason === 'rate_limited' ? 'neutral' : 'ok';
  }
}

export interface DetectorSettings {
  /** Consecutive failures that eject (UPSTREAM_EJECT_AFTER_FAILURES). */
  readonly consecutiveFailures: number;
  /** The failure-rate window. */
  readonly windowMs: number;
  /** Fewer calls than this in the window never eject by rate. */
  readonly minCallsForRate: number;
  /** Failure rate (0..1) at or above which the provider is ejected. */
  readonly failureRate: number;
}

export const FAILURE_RATE_WINDOW_MS = 60_000;
export const FAILURE_RATE_MIN_CALLS = 20;

interface Track {
  consecutive: number;
  /** Six 10-second buckets of [calls, failures], rotated by time. */
  buckets: { start: number; calls: number; failures: number }[];
}

/**
 * Per-provider outlier detection in the manner of Envoy's: consecutive failures, or a failure
 * rate over a sliding window (six 10 s buckets). Pure memory, per process; the ejection itself
 * is shared through the database (ProviderEjections). O(1) per call.
 */
export class OutlierDetector {
  private readonly tracks = new Map<number, Track>();

  constructor(
    private readonly settings: DetectorSettings,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records a call's signal; returns why the provider should be ejected, or null. */
  record(providerId: number, signal: HealthSignal): string | null {
    if (signal === 'neutral') return null;
    const track = this.track(providerId);
    const bucket = this.bucket(track);
    bucket.calls++;
    if (signal === 'ok') {
      track.consecutive = 0;
      return null;
    }
    bucket.failures++;
    track.consecutive++;
    if (track.consecutive >= this.settings.consecutiveFailures) {
      return `${track.consecutive} consecutive failed or ambiguous calls`;
    }
    let calls = 0;
    let failures = 0;
    const since = this.now() - this.settings.windowMs;
    for (const b of track.buckets) {
      if (b.start < since) continue;
      calls += b.calls;
      failures += b.failures;
    }
    if (calls >= this.settings.minCallsForRate && failures / calls >= this.settings.failureRate) {
      return `${failures} of ${calls} calls failed in the last ${this.settings.windowMs / 1000} s`;
    }
    return null;
  }

  /** Starts the provider afresh (after an ejection or a restore). */
  reset(providerId: number): void {
    this.tracks.delete(providerId);
  }

  private track(providerId: number): Track {
    let track = this.tracks.get(providerId);
    if (!track) this.tracks.set(providerId, (track = { consecutive: 0, buckets: [] }));
    return track;
  }

  private bucket(track: Track): Track['buckets'][number] {
    const size = this.settings.windowMs / 6;
    const start = Math.floor(this.now() / size) * size;
    const last = track.buckets[track.buckets.length - 1];
    if (last?.start === start) return last;
    const bucket = { start, calls: 0, failures: 0 };
    track.buckets.push(bucket);
    if (track.buckets.length > 6) track.buckets.shift();
    return bucket;
  }
}
