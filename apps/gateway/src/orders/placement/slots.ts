/**
 * At most `limit` holders at once; the others wait in arrival order. Placements take one around
 * the transaction that records and charges an order: on PostgreSQL those transactions queue on
 * the partner's wallet row lock, each holding a pooled connection meanwhile, so a burst of them
 * could hold the whole pool while the `sending` and `placed` writes of orders already under way
 * wait for a connection (and time out). Bounded, they leave connections for those writes.
 */
export class Slots {
  private held = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limit: number) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.held >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.held++;
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next)
        next(); // the slot passes on as it is
      else this.held--;
    }
  }
}
