/**
 * When to poll an open order next: soon after placement, then less often, capped.
 * 10 s, 20 s, 40 s, … up to 10 minutes between polls.
 */
export const FIRST_POLL_SECONDS = 10;
export const MAX_POLL_SECONDS = 600;

export function nextPollDelaySeconds(pollsSoFar: number): number {
  const exponent = Math.min(Math.max(pollsSoFar, 0), 16);
  return Math.min(FIRST_POLL_SECONDS * 2 ** exponent, MAX_POLL_SECONDS);
}

export function nextPollAt(now: Date, pollsSoFar: number): Date {
  return new Date(now.getTime() + nextPollDelaySeconds(pollsSoFar) * 1000);
}
