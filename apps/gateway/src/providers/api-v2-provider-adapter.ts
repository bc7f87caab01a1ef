import { Injectable } from '@nestjs/common';
import {
  SmmApiClient,
  type AddOrderRequest,
  type Balance,
  type BatchResult,
  type OrderStatusInfo,
  type PlacedOrder,
  type RefillStatusInfo,
  type ServiceCatalog,
  type SmmOutcome,
  type UpstreamIdInput,
} from '#smm-protocol';
import {
  ProviderAdapter,
  ProviderAdapterFactory,
  type ProviderConnection,
} from './provider-adapter.js';

/** A full catalog can be megabytes from a slow panel: it gets at least this long. */
const MIN_CATALOG_TIMEOUT_MS = 30_000;

/** The adapter for panels speaking API v2, over the protocol library's client. */
/** Resends of an ambiguous add to a provider that honours idempotency keys (then: ambiguous). */
const IDEMPOTENT_RESENDS = 3;
const RESEND_DELAY_MS = 200;

export class ApiV2ProviderAdapter extends ProviderAdapter {
  private readonly client: SmmApiClient;

  constructor(private readonly connection: ProviderConnection) {
    super();
    const t = connection.timeoutMs;
    this.client = new SmmApiClient({
      url: connection.apiUrl,
      apiKey: connection.apiKey,
      transport: connection.transport ?? 'form',
      timeoutMs: {
        services: Math.max(t, MIN_CATALOG_TIMEOUT_MS),
        add: t,
        status: t,
        refill: t,
        refill_status: t,
        cancel: t,
        balance: t,
      },
      connectTimeoutMs: Math.min(t, 5_000),
    });
  }

  services(): Promise<SmmOutcome<ServiceCatalog>> {
    return this.client.services();
  }

  balance(): Promise<SmmOutcome<Balance>> {
    return this.client.balance();
  }

  /**
   * Places an order. Only a panel that honours idempotency keys (another smm-gateway) gets the
   * order's key; for it an ambiguous outcome is resent with the same key, which can only return
   * the order already taken, never place a second one. A resend settles the outcome only when it
   * is an answer about that key (placed, or refused for good); anything else — unreachable, rate
   * limited, "still being placed" — leaves it as unknown as before, so the order waits for
   * reconciliation rather than fail over. Other panels never see a key.
   */
  async add(order: AddOrderRequest): Promise<SmmOutcome<PlacedOrder>> {
    if (!this.connection.idempotentAdd || !order.idempotencyKey) {
      const { idempotencyKey: _key, ...plain } = order;
      return this.client.add(plain);
    }
    const first = await this.client.add(order);
    if (first.kind !== 'ambiguous') return first;
    for (let resend = 1; resend <= IDEMPOTENT_RESENDS; resend++) {
      await new Promise((resolve) => setTimeout(resolve, RESEND_DELAY_MS * resend));
      const again = await this.client.add(order);
      if (again.kind === 'success') return again;
      if (again.kind === 'rejected' && again.reason !== 'rate_limited') return again;
    }
    return first;
  }

  status(orderId: UpstreamIdInput): Promise<SmmOutcome<OrderStatusInfo>> {
    return this.client.status(orderId);
  }

  statuses(orderIds: readonly UpstreamIdInput[]): Promise<BatchResult<OrderStatusInfo>> {
    return this.client.statuses(orderIds);
  }

  refill(orderId: UpstreamIdInput): Promise<SmmOutcome<{ readonly refillId: string }>> {
    return this.client.refill(orderId);
  }

  refills(orderIds: readonly UpstreamIdInput[]): Promise<BatchResult<string>> {
    return this.client.refills(orderIds);
  }

  refillStatus(refillId: UpstreamIdInput): Promise<SmmOutcome<RefillStatusInfo>> {
    return this.client.refillStatus(refillId);
  }

  refillStatuses(refillIds: readonly UpstreamIdInput[]): Promise<BatchResult<RefillStatusInfo>> {
    return this.client.refillStatuses(refillIds);
  }

  cancel(orderIds: readonly UpstreamIdInput[]): Promise<BatchResult<true>> {
    return this.client.cancel(orderIds);
  }
}

@Injectable()
export class ApiV2ProviderAdapterFactory extends ProviderAdapterFactory {
  create(connection: ProviderConnection): ProviderAdapter {
    return new ApiV2ProviderAdapter(connection);
  }
}
