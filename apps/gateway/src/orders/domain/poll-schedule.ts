/**
 * When to poll an open order next: soon after placement, then less often, capped.
 * With the default first poll of 10 s: 10 s, 20 s, 40 s, … up to 10 minutes between polls.
 */
export const DEFAULT_FIRST_POLL_SECONDS = 10;
export const MAX_POLL_SECONDS = 600;

export function nextPollDelaySeconds(
  pollsSoFar: number,
  firstPollSeconds = DEFAULT_FIRST_POLL_SECONDS,
): number {
  const exponent = Math.min(Math.max(pollsSoFar, 0), 16);
  return Math.min(firstPollSeconds * 2 ** exponent, MAX_POLL_SECONDS);
}

export function nextPollAt(
  now: Date,
  pollsSoFar: number,
  firstPollSeconds = DEFAULT_FIRST_POLL_SECONDS,
): Date {
  return new Date(now.getTime() + nextPollDelaySeconds(pollsSoFar, firstPollSeconds) * 1000);
}
