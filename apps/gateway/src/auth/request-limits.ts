import { Injectable, Optional } from '@nestjs/common';
import { DomainError } from '../common/errors/domain-error.js';
import { AppConfig } from '../config/app-config.js';
import type { WindowState } from './fixed-window.js';
import { Metrics } from '../observability/metrics.js';
import { LimitCounters, MemoryLimitCounters } from './limit-counters.js';
import type { Principal } from './scopes.js';

/**
 * Per-token request limits and the slow-down of addresses that keep failing authentication.
 *
 * Headers follow draft-ietf-httpapi-ratelimit-headers-06 (separate fields): RateLimit-Limit,
 * RateLimit-Remaining, RateLimit-Reset (seconds until the window resets) and
 * RateLimit-Policy (`<limit>;w=60`). Counters live in LimitCounters: process memory on SQLite,
 * PostgreSQL rows shared by every process on PostgreSQL.
 */
@Injectable()
export class RequestLimits {
  private readonly defaultPerMinute: number;
  private readonly failuresPerMinute: number;

  constructor(
    config: AppConfig,
    private readonly counters: LimitCounters = new MemoryLimitCounters(),
    @Optional() private readonly metrics?: Metrics,
  ) {
    this.defaultPerMinute = config.limits.requestsPerMinute;
    this.failuresPerMinute = config.limits.failedAuthPerMinute;
  }

  /**
   * Counts a request of an issued token and returns the headers to send; throws a 429 problem
   * when the token is over its limit. ADMIN_TOKEN (the operator's bootstrap secret) is not limited.
   */
  async admit(principal: Principal): Promise<Record<string, string>> {
    if (principal.tokenId === null) return {};
    const limit = principal.requestsPerMinute ?? this.defaultPerMinute;
    const state = await this.counters.hit(`token:${principal.tokenId}`, limit);
    const headers = rateLimitHeaders(state);
    if (!state.allowed) {
      this.metrics?.rateLimited.inc({ scope: 'token' });
      throw new DomainError(
        'rate_limited',
        `This token may make ${limit} requests per minute; retry in ${state.resetSeconds} s.`,
        { limit, retryAfterSeconds: state.resetSeconds },
        { ...headers, 'retry-after': String(state.resetSeconds) },
      );
    }
    return headers;
  }

  /**
   * The 429 problem while the address is over its failed-authentication budget for this
   * window (null when it is not); counted in smmgw_rate_limited_total{scope="address"}.
   */
  async addressBlocked(address: string): Promise<DomainError | null> {
    const state = await this.counters.peek(`address:${address}`, this.failuresPerMinute);
    if (state.allowed) return null;
    this.metrics?.rateLimited.inc({ scope: 'address' });
    return new DomainError(
      'auth_failures_limited',
      `Too many failed authentications from this address; retry in ${state.resetSeconds} s.`,
      { retryAfterSeconds: state.resetSeconds },
      { 'retry-after': String(state.resetSeconds) },
    );
  }

  async recordFailure(address: string): Promise<void> {
    await this.counters.hit(`address:${address}`, this.failuresPerMinute);
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
