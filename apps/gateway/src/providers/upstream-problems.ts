import type { SmmNonSuccess } from '#smm-protocol';
import { DomainError } from '../common/errors/domain-error.js';

const MAX_TEXT = 500;

/** One line saying what went wrong with an upstream call (the library already removed the key). */
export function describeOutcome(outcome: SmmNonSuccess): string {
  const cause = outcome.kind === 'rejected' ? outcome.reason : outcome.cause;
  return `${outcome.kind} (${cause}): ${outcome.message}`.slice(0, MAX_TEXT);
}

/**
 * The 422 for a connection check (balance) that did not succeed: the key was refused, or the
 * upstream could not be reached or did not speak the protocol.
 */
export function connectionProblem(outcome: SmmNonSuccess): DomainError {
  if (outcome.kind === 'rejected' && outcome.reason === 'invalid_key') {
    return new DomainError(
      'provider_key_invalid',
      `The upstream refused the API key: ${outcome.message}`.slice(0, MAX_TEXT),
      { cause: 'invalid_key' },
    );
  }
  const cause = outcome.kind === 'rejected' ? `rejected:${outcome.reason}` : outcome.cause;
  return new DomainError(
    'provider_unreachable',
    `The upstream did not answer the balance check: ${describeOutcome(outcome)}`.slice(0, MAX_TEXT),
    { cause },
  );
}

/** The 502 for an on-demand call (sync, balance) on an existing provider that failed. */
export function upstreamFailed(
  providerId: number,
  action: string,
  outcome: SmmNonSuccess | string,
): DomainError {
  const detail = typeof outcome === 'string' ? outcome : describeOutcome(outcome);
  return new DomainError('upstream_failed', `Provider ${providerId} ${action} failed: ${detail}`, {
    providerId,
    action,
    ...(typeof outcome === 'string'
      ? {}
      : { cause: outcome.kind === 'rejected' ? outcome.reason : outcome.cause }),
  });
}
