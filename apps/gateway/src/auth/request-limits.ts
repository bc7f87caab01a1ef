import { Injectable } from '@nestjs/common';
import { DomainError } from '../common/errors/domain-error.js';
import { AppConfig } from '../config/app-config.js';
import { FixedWindowCounter, type WindowState } from './fixed-window.js';
import type { Principal } from './scopes.js';

/**
 * Per-token request limits and the slow-down of addresses that keep failing authentication.
 *
 * Headers follow draft-ietf-httpapi-ratelimit-headers-06 (separate fields): RateLimit-Limit,
 * RateLimit-Remaining, RateLimit-Reset (seconds until the window resets) and
 * RateLimit-Policy (`<limit>;w=60`). Counters live in process memory: with several processes
 * each one enforces the limit on the requests it serves.
 */
@Injectable()
export class RequestLimits {
  private readonly perToken: FixedWindowCounter;
  private readonly failures: FixedWindowCounter;
  private readonly defaultPerMinute: number;
  private readonly failuresPerMinute: number;

  constructor(config: AppConfig) {
    this.defaultPerMinute = config.limits.requestsPerMinute;
    this.failuresPerMinute = config.limits.failedAuthPerMinute;
    this.perToken = new FixedWindowCounter();
    this.failures = new FixedWindowCounter();
  }

  /**
   * Counts a request of an issued token and returns the headers to send; throws a 429 problem
   * when the token is over its limit. ADMIN_TOKEN (the operator's bootstrap secret) is not limited.
   */
  admit(principal: Principal): Record<string, string> {
    if (principal.tokenId === null) return {};
    const limit = principal.requestsPerMinute ?? this.defaultPerMinute;
    const state = this.perToken.hit(`token:${principal.tokenId}`, limit);
    const headers = rateLimitHeaders(state);
    if (!state.allowed) {
      throw new DomainError(
        'rate_limited',
        `This token may make ${limit} requests per minute; retry in ${state.resetSeconds} s.`,
        { limit, retryAfterSeconds: state.resetSeconds },
        { ...headers, 'retry-after': String(state.resetSeconds) },
      );
    }
    return headers;
  }

  /** True while the address is over its failed-authentication budget for this window. */
  isAddressBlocked(address: string): boolean {
    return !this.failures.peek(address, this.failuresPerMinute).allowed;
  }

  /** The 429 problem for an address over its failed-authentication budget. */
  addressBlocked(address: string): DomainError {
    const state = this.failures.peek(address, this.failuresPerMinute);
    return new DomainError(
      'auth_failures_limited',
      `Too many failed authentications from this address; retry in ${state.resetSeconds} s.`,
      { retryAfterSeconds: state.resetSeconds },
      { 'retry-after': String(state.resetSeconds) },
    );
  }

  recordFailure(address: string): void {
    this.failures.hit(address, this.failuresPerMinute);
  }
}

export function rateLimitHeaders(state: WindowState): Record<string, string> {
  return {
    'ratelimit-limit': String(state.limit),
    'ratelimit-remaining': String(state.remaining),
    'ratelimit-reset': String(state.resetSeconds),
    'ratelimit-policy': `${state.limit};w=60`,
  };
}
