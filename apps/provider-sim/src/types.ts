/** Public types of the simulated API v2 panel (see /work/shared/protocol/API-V2.md). */

/** Every service type of the reference's `add` table: one list, the protocol library's. */
export { SERVICE_TYPES, type ServiceType } from '#smm-protocol';

/** A catalog entry, in the canonical shape the panel emits from `services`. */
export interface SimService {
  service: number;
  name: string;
  /** One of SERVICE_TYPES; an unknown type is validated like `Default`. */
  type: string;
  category: string;
  /** Price per 1000 units (per package for the package types), a decimal string. */
  rate: string;
  /** Integer strings, as real panels emit them. */
  min: string;
  max: string;
  refill: boolean;
  cancel: boolean;
  dripfeed?: boolean;
  desc?: string;
}

/** The statuses the panel itself produces; control may set any other raw string too. */
export const ORDER_STATUSES = [
  'Pending',
  'In progress',
  'Processing',
  'Completed',
  'Partial',
  'Canceled',
] as const;

/**
 * Faults and wire variants, switched on through the control endpoint. A PUT replaces the whole set;
 * `{}` clears it. All apply to `/api/v2` only, never to `/__control`.
 */
export interface SimFaults {
  /** Delay every API response by this many ms (the request is processed first, then answered late). */
  latencyMs?: number;
  /** Every Nth API request (counted from when the faults were set) answers an HTML 502 page. */
  html502EveryNth?: number;
  /** With html502EveryNth: process the request (create the order) before answering 502. Default false. */
  html502AfterCreate?: boolean;
  /** Cut every API response body in half (a valid prefix of the JSON, never parseable). */
  truncatedJson?: boolean;
  /** `add` creates and debits the order, then never answers (the socket stays open). */
  hangAfterCreate?: boolean;
  /** Every `add` answers `{"error": <message>}` and creates nothing. */
  rejectAddWith?: string | null;
  /** Every API request answers HTTP 429 `{"error":"Too many requests"}` and is not processed. */
  http429?: boolean;
  /** Variant: order statuses in lowercase (`in progress`, `completed`). */
  statusLowercase?: boolean;
  /** Variant: an unknown id in multi-status maps to the bare string `"Incorrect order ID"`. */
  multiStatusBareError?: boolean;
  /** Variant: `add` answers `{"order":"23501"}` (string id). */
  orderIdAsString?: boolean;
  /** Variant: `services` emits `service` as a string, min/max as numbers, refill/cancel/dripfeed as 0/1. */
  servicesLoose?: boolean;
  /**
   * Status answers report a `charge` this many percent above the order's real charge (rounded at
   * 5 decimals): an upstream that charges more than its price list. The balance is not affected.
   */
  overReportChargePercent?: number;
}

/** Behaviour switches that are not faults. */
export interface SimSettings {
  /** Reject a second active order on the same service + link (real panels do; off by default). */
  rejectDuplicateLinks: boolean;
  /** Orders progress by time when > 0: Pending one tick, In progress 1–3 ticks, then Completed. */
  speedMs: number;
}

export interface SimOrderView {
  id: number;
  service: number;
  /** Every field received with `add`, as received (strings for form/query, JSON values for JSON), minus key. */
  params: Record<string, unknown>;
  status: string;
  remains: string;
  startCount: string;
  charge: string;
  /** Units ordered in total (quantity × runs, number of lines, 1 for a package). */
  quantity: number;
  /** Money given back so far (Partial/Canceled), applied once. */
  refunded: string;
  /** How many times `status` asked for this order. */
  statusQueries: number;
  createdAt: string;
}

export interface SimRefillView {
  id: number;
  orderId: number;
  status: string;
  createdAt: string;
}

export interface SimState {
  seed: number;
  balance: string;
  currency: string;
  orders: SimOrderView[];
  refills: SimRefillView[];
  faults: SimFaults;
  settings: SimSettings;
  catalog: SimService[];
  /** API requests received per action (`(none)` when the action is missing), faults included. */
  requestCounts: Record<string, number>;
  /** API requests by how they carried their fields: form, json or query. */
  encodingCounts: Record<string, number>;
}

export interface OrderStatusChange {
  status: string;
  remains?: string | number;
  startCount?: string | number;
}
