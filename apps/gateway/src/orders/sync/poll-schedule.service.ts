import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app-config.js';
import { nextPollAt } from '../domain/poll-schedule.js';

/** The poll backoff with the configured first delay (ORDER_FIRST_POLL_SECONDS). */
@Injectable()
export class PollSchedule {
  constructor(private readonly config: AppConfig) {}

  next(now: Date, pollsSoFar: number): Date {
    return nextPollAt(now, pollsSoFar, this.config.orders.firstPollSeconds);
  }
}
