import type {
  AddOrderRequest,
  Balance,
  BatchResult,
  OrderStatusInfo,
  PlacedOrder,
  RefillStatusInfo,
  ServiceCatalog,
  SmmOutcome,
  UpstreamIdInput,
} from '#smm-protocol';
import { ProviderAdapter } from './provider-adapter.js';
import type { UpstreamAction, UpstreamObserver } from './upstream-observer.js';

/**
 * A stored provider's adapter with every call timed and reported to the UpstreamObserver
 * (metrics, outlier detection). A batch reports each of its upstream calls.
 */
export class InstrumentedAdapter extends ProviderAdapter {
  constructor(
    private readonly providerId: number,
    private readonly inner: ProviderAdapter,
    private readonly observer: UpstreamObserver,
  ) {
    super();
  }

  services(): Promise<SmmOutcome<ServiceCatalog>> {
    return this.one('services', () => this.inner.services());
  }
  balance(): Promise<SmmOutcome<Balance>> {
    return this.one('balance', () => this.inner.balance());
  }
  add(order: AddOrderRequest): Promise<SmmOutcome<PlacedOrder>> {
    return this.one('add', () => this.inner.add(order));
  }
  status(orderId: UpstreamIdInput): Promise<SmmOutcome<OrderStatusInfo>> {
    return this.one('status', () => this.inner.status(orderId));
  }
  statuses(orderIds: readonly UpstreamIdInput[]): Promise<BatchResult<OrderStatusInfo>> {
    return this.batch('status', () => this.inner.statuses(orderIds));
  }
  refill(orderId: UpstreamIdInput): Promise<SmmOutcome<{ readonly refillId: string }>> {
    return this.one('refill', () => this.inner.refill(orderId));
  }
  refills(orderIds: readonly UpstreamIdInput[]): Promise<BatchResult<string>> {
    return this.batch('refill', () => this.inner.refills(orderIds));
  }
  refillStatus(refillId: UpstreamIdInput): Promise<SmmOutcome<RefillStatusInfo>> {
    return this.one('refill_status', () => this.inner.refillStatus(refillId));
  }
  refillStatuses(refillIds: readonly UpstreamIdInput[]): Promise<BatchResult<RefillStatusInfo>> {
    return this.batch('refill_status', () => this.inner.refillStatuses(refillIds));
  }
  cancel(orderIds: readonly UpstreamIdInput[]): Promise<BatchResult<true>> {
    return this.batch('cancel', () => this.inner.cancel(orderIds));
  }

  private async one<T>(
    action: UpstreamAction,
    call: () => Promise<SmmOutcome<T>>,
  ): Promise<SmmOutcome<T>> {
    const started = performance.now();
    const outcome = await call();
    const ejecting = this.observer.observe(
      this.providerId,
      action,
      outcome,
      (performance.now() - started) / 1000,
    );
    if (ejecting) await ejecting;
    return outcome;
  }

  private async batch<T>(
    action: UpstreamAction,
    call: () => Promise<BatchResult<T>>,
  ): Promise<BatchResult<T>> {
    const started = performance.now();
    const result = await call();
    const each = (performance.now() - started) / 1000 / Math.max(1, result.calls.length);
    for (const c of result.calls) {
      const ejecting = this.observer.observe(this.providerId, action, c.outcome, each);
      if (ejecting) await ejecting;
    }
    return result;
  }
}
