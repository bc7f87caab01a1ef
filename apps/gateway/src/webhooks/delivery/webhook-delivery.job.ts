import {
  Injectable,
  Logger,
  Optional,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { AppConfig } from '../../config/app-config.js';
import { Metrics } from '../../observability/metrics.js';
import { WebhookDispatcher } from './webhook-dispatcher.js';
import { DeliverySignal } from './delivery-signal.js';

/** Deliveries leased per round. */
const CLAIM_BATCH = 200;
/** After a signal, wait this long so the producer's transaction has committed. */
const SIGNAL_DELAY_MS = 5;

/**
 * The delivery loop: runs rounds back to back while there is work, then sleeps until the next
 * poll (WEBHOOK_POLL_MS) or until this process writes an event. Independent of JOBS_ENABLED
 * (WEBHOOK_DELIVERY_ENABLED), so delivery never waits on the order sweeps and they never wait
 * on a slow receiver.
 */
@Injectable()
export class WebhookDeliveryJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('WebhookDelivery');
  private running = false;
  private signalled = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly config: AppConfig,
    private readonly dispatcher: WebhookDispatcher,
    private readonly signal: DeliverySignal,
    @Optional() private readonly metrics?: Metrics,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.webhooks.deliveryEnabled) return;
    this.running = true;
    this.signal.listen(() => {
      if (this.timer) return;
      this.timer = setTimeout(() => {
        this.timer = undefined;
        // Remembered when it lands during a round: the loop then looks again instead of sleeping.
        this.signalled = true;
        this.wake?.();
      }, SIGNAL_DELAY_MS);
    });
    this.loop = this.run();
  }

  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    this.wake?.();
    await this.loop;
    // Attempts under way finish (each is bounded by its 10 s timeout) and record their result.
    await this.dispatcher.drain();
  }

  private async run(): Promise<void> {
    while (this.running) {
      this.signalled = false;
      let drained = true;
      try {
        const { asked, claimed } = await this.dispatcher.round(CLAIM_BATCH, (result) =>
          this.metrics?.webhookDeliveries.inc({ result }),
        );
        drained = claimed < asked;
      } catch (error) {
        this.logger.error({ err: error }, 'A webhook delivery round failed');
      }
      // Sleep only when the queue is drained and no event was written here meanwhile.
      if (drained && !this.signalled && this.running) {
        await this.sleep(this.config.webhooks.pollMs);
      }
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      timer.unref();
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}
