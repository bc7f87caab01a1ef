import { Injectable } from '@nestjs/common';
import { DomainError } from '../common/errors/domain-error.js';
import { HealthRepository } from './health.repository.js';
import type { ReadinessChecksDto, ReadinessDto } from './health.dto.js';

const CHECK_TIMEOUT_MS = 2_000;

@Injectable()
export class HealthService {
  constructor(private readonly database: HealthRepository) {}

  async readiness(): Promise<ReadinessDto> {
    const checks: ReadinessChecksDto = { database: 'down', migrations: 'unknown' };
    try {
      await withTimeout(this.database.ping(), CHECK_TIMEOUT_MS);
      checks.database = 'up';
      const pending = await withTimeout(this.database.pendingMigrations(), CHECK_TIMEOUT_MS);
      checks.migrations = pending ? 'pending' : 'applied';
    } catch {
      // Reported below as a 503 with the checks; the cause stays in the server's hands.
    }
    if (checks.database !== 'up' || checks.migrations !== 'applied') {
      const detail =
        checks.database !== 'up'
          ? 'The database is unreachable.'
          : 'Database migrations are not all applied.';
      throw new DomainError('not_ready', detail, { checks });
    }
    return { status: 'ready', checks };
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
