import { Injectable } from '@nestjs/common';

/**
 * Wakes this process's delivery loop when events were just written here, so a delivery does not
 * wait for the next poll. Called before the producer's transaction commits: the loop looks a
 * moment later, and the poll interval catches anything it still misses.
 */
@Injectable()
export class DeliverySignal {
  private listener: (() => void) | null = null;

  listen(listener: () => void): void {
    this.listener = listener;
  }

  notify(): void {
    this.listener?.();
  }
}
