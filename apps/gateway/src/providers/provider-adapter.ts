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
  SmmTransport,
} from '#smm-protocol';

/** How to reach one upstream: everything an adapter needs, the key already decrypted. */
export interface ProviderConnection {
  readonly providerId: number;
  readonly apiUrl: string;
  /** Plaintext upstream key: keep it in memory only, never log it. */
  readonly apiKey: string;
  /** Per-call timeout (the catalog call gets more, see ApiV2ProviderAdapter). */
  readonly timeoutMs: number;
  /** Request encoding; form POST unless the panel needs query-string GET or JSON. */
  readonly transport?: SmmTransport;
  /** The panel honours `idempotency_key` on add: ambiguous adds are resent with the same key. */
  readonly idempotentAdd?: boolean;
}

/**
 * The port to one upstream panel. Every method is a thin pass-through that resolves to the
 * protocol library's outcome (success, rejected, failed, ambiguous) and never throws; nothing is
 * retried here: retry and failover policy belongs to the caller (the orders service).
 */
export abstract class ProviderAdapter {
  /** The upstream's catalog: parsed services plus the entries that could not be read. */
  abstract services(): Promise<SmmOutcome<ServiceCatalog>>;
  /** The account's balance and, when the panel says, its currency. */
  abstract balance(): Promise<SmmOutcome<Balance>>;
  /** Places one order; `ambiguous` means it may have been placed: never resend it blindly. */
  abstract add(order: AddOrderRequest): Promise<SmmOutcome<PlacedOrder>>;
  /** Status of one upstream order. */
  abstract status(orderId: UpstreamIdInput): Promise<SmmOutcome<OrderStatusInfo>>;
  /** Statuses of many upstream orders, batched 100 ids per call. */
  abstract statuses(orderIds: readonly UpstreamIdInput[]): Promise<BatchResult<OrderStatusInfo>>;
  /** Requests a refill of one order; the value carries the upstream refill id. */
  abstract refill(orderId: UpstreamIdInput): Promise<SmmOutcome<{ readonly refillId: string }>>;
  /** Requests refills of many orders, batched; results keyed by order id. */
  abstract refills(orderIds: readonly UpstreamIdInput[]): Promise<BatchResult<string>>;
  /** Status of one upstream refill. */
  abstract refillStatus(refillId: UpstreamIdInput): Promise<SmmOutcome<RefillStatusInfo>>;
  /** Statuses of many upstream refills, batched. */
  abstract refillStatuses(
    refillIds: readonly UpstreamIdInput[],
  ): Promise<BatchResult<RefillStatusInfo>>;
  /** Asks the upstream to cancel orders; success means the request was accepted, not done. */
  abstract cancel(orderIds: readonly UpstreamIdInput[]): Promise<BatchResult<true>>;
}

/** Makes the adapter for one upstream connection (bound to the API v2 implementation). */
export abstract class ProviderAdapterFactory {
  /** An adapter speaking to the given upstream with the given key. */
  abstract create(connection: ProviderConnection): ProviderAdapter;
}
