import { performance } from 'node:perf_hooks';

/**
 * Spreads the start of CPU-bound work over event-loop turns so that a burst of it never stalls
 * the loop. Without it, a burst of placements (thousands of requests read in one poll phase)
 * runs back to back in microtasks: on SQLite, whose calls are synchronous, every placement up to
 * its upstream call runs in one go, and the loop (timers, sockets, answers of upstreams) waits
 * for all of them — seconds for a few thousand.
 *
 * `turn()` resolves in a later turn of the loop (a setImmediate); each turn lets a batch through
 * and the batch size adapts to how long the previous turn took: halved when it exceeded
 * `sliceMs`, doubled (up to `maxBatch`) when it took less than half. A lone caller waits for one
 * setImmediate (microseconds); waiters are let through in the order they came, `urgent` ones
 * (work that finishes something already started) before the others.
 */
export class LoopTurns {
  private readonly urgent: (() => void)[] = [];
  private readonly waiting: (() => void)[] = [];
  private scheduled = false;
  private batch = 1;
  private lastTurn = 0;

  constructor(
    private readonly sliceMs = 20,
    private readonly maxBatch = 64,
  ) {}

  turn(urgent = false): Promise<void> {
    return new Promise<void>((resolve) => {
      (urgent ? this.urgent : this.waiting).push(resolve);
      if (!this.scheduled) {
        this.scheduled = true;
        this.lastTurn = performance.now();
        setImmediate(this.next);
      }
    });
  }

  private readonly next = (): void => {
    const now = performance.now();
    const took = now - this.lastTurn;
    if (took > this.sliceMs) this.batch = Math.max(1, this.batch >> 1);
    else if (took < this.sliceMs / 2) this.batch = Math.min(this.maxBatch, this.batch * 2);
    this.lastTurn = now;
    for (let i = 0; i < this.batch; i++) {
      const resolve = this.urgent.shift() ?? this.waiting.shift();
      if (!resolve) break;
      resolve();
    }
    if (this.urgent.length + this.waiting.length > 0) setImmediate(this.next);
    else this.scheduled = false;
  };
}
