/** Retries stop this long after the event was written (the delivery is then `failed`). */
export const RETRY_WINDOW_MS = 3 * 24 * 3600 * 1000;
/** An endpoint failing every attempt for this long is disabled (and the operator told). */
export const DISABLE_AFTER_MS = 5 * 24 * 3600 * 1000;
/** No single wait exceeds this many base periods (6 h at the default base of 5 s). */
const MAX_FACTOR = 4320;

/**
 * The wait before the next attempt after `attempts` failed ones: base × 2^(attempts−1), capped,
 * times a jitter in [0.8, 1.2) so endpoints recovering together are not hit in lockstep.
 * `random` is injectable for tests.
 */
export function retryDelayMs(
  attempts: number,
  baseSeconds: number,
  random: () => number = Math.random,
): number {
  const exponent = Math.max(0, attempts - 1);
  const factor = Math.min(2 ** Math.min(exponent, 30), MAX_FACTOR);
  const jitter = 0.8 + 0.4 * random();
  return Math.round(baseSeconds * 1000 * factor * jitter);
}

/** Whether a failed delivery gets another attempt, given when its event was written. */
export function retryAllowed(eventCreatedAt: Date, nextAttemptAt: Date): boolean {
  return nextAttemptAt.getTime() - eventCreatedAt.getTime() <= RETRY_WINDOW_MS;
}
