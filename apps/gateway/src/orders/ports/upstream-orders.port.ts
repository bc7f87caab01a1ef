import type {
  AddOrderRequest,
  BatchResult,
  OrderStatusInfo,
  PlacedOrder,
  RefillStatusInfo,
  SmmOutcome,
} from '#smm-protocol';

/**
 * Port onto the upstream panels holding orders, by provider id. Every call returns the protocol
 * library's outcome as is: retries and failover are the caller's decision, never the adapter's.
 */
export abstract class UpstreamOrders {
  /** Places an order on one upstream (never retried). */
  abstract add(providerId: number, order: AddOrderRequest): Promise<SmmOutcome<PlacedOrder>>;

  /** Statuses of many upstream orders (split into calls of ≤100 ids). */
  abstract statuses(
    providerId: number,
    upstreamOrderIds: readonly string[],
  ): Promise<BatchResult<OrderStatusInfo>>;

  /** Asks for a refill; the upstream's refill id. */
  abstract refill(
    providerId: number,
    upstreamOrderId: string,
  ): Promise<SmmOutcome<{ readonly refillId: string }>>;

  /** Refill statuses of many upstream refills. */
  abstract refillStatuses(
    providerId: number,
    upstreamRefillIds: readonly string[],
  ): Promise<BatchResult<RefillStatusInfo>>;

  /** Asks to cancel upstream orders; per id, accepted or the upstream's message. */
  abstract cancel(
    providerId: number,
    upstreamOrderIds: readonly string[],
  ): Promise<BatchResult<true>>;
}
