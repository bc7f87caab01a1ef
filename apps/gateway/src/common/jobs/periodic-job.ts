import { Logger } from '@nestjs/common';

/**
 * A timer that runs `work` every `intervalMs`, never twice at once, and stops on shutdown.
 * Jobs start only when config.jobsEnabled (tests drive the on-demand endpoints instead).
 */
export class PeriodicJob {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly name: string,
    private readonly intervalMs: number,
    private readonly work: () => Promise<unknown>,
    private readonly logger: Logger,
  ) {}

  /** Starts the timer; `runNow` also runs the work once right away (e.g. recovery at boot). */
  start(options: { runNow?: boolean } = {}): void {
    this.timer = setInterval(() => this.tick(), this.intervalMs);
    this.timer.unref();
    if (options.runNow) this.tick();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private tick(): void {
    if (this.running) return;
    this.running = this.work()
      .then(() => undefined)
      .catch((error: unknown) => this.logger.error({ err: error, job: this.name }, 'Job failed'))
      .finally(() => (this.running = undefined));
  }
}
