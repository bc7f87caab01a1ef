import type { OrderDto } from '../orders/dto/order-view.dto.js';
import {
  partnerStatus,
  type OrderStatus,
  type PartnerOrderStatus,
} from '../orders/domain/order-status.js';
import type { RefillStatus } from '../orders/entities/refill.entity.js';
import { Money } from '../common/money/money.js';
import type { OrderableServiceDto } from '../routing/dto/service.dto.js';

/**
 * The canonical API v2 answers, built from the REST API's own views so both always agree. Money
 * leaves as decimal strings with at least 5 decimals ("0.27819", "100.84292"), more only when the
 * value has them: never rounded, never a JSON number. Pure.
 */

/** Our statuses the panel way. `failed` (refused everywhere, refunded in full) reads Canceled. */
export const PANEL_ORDER_STATUS: Readonly<Record<PartnerOrderStatus, string>> = {
  pending: 'Pending',
  in_progress: 'In progress',
  completed: 'Completed',
  partial: 'Partial',
  canceled: 'Canceled',
  failed: 'Canceled',
};

export const PANEL_REFILL_STATUS: Readonly<Record<RefillStatus, string>> = {
  pending: 'Pending',
  in_progress: 'In progress',
  completed: 'Completed',
  rejected: 'Rejected',
  error: 'Error',
  canceled: 'Canceled',
};

export interface WireService {
  service: number;
  name: string;
  type: string;
  category: string;
  rate: string;
  min: string;
  max: string;
  refill: boolean;
  cancel: boolean;
  dripfeed: boolean;
  desc: string;
}

/** What `status` reads of an order: an order view, or the partner view (its status either way). */
export type WireStatusSource = Pick<
  OrderDto,
  'quantity' | 'runs' | 'charge' | 'refunded' | 'startCount' | 'remains' | 'currency'
> & { readonly status: OrderStatus };

export interface WireStatus {
  charge: string;
  start_count: string;
  status: string;
  remains: string;
  currency: string;
}

/** A service of `GET /v1/services` (the partner's price list) as a `services` entry. */
export function wireService(s: OrderableServiceDto): WireService {
  return {
    service: s.id,
    name: s.name,
    type: s.type,
    category: s.category,
    rate: s.rate,
    min: String(s.min),
    max: String(s.max),
    refill: s.refill,
    cancel: s.cancel,
    dripfeed: s.dripfeed,
    desc: s.description ?? '',
  };
}

/**
 * An order as `status` answers it. `charge` is what the order costs the partner now (its charge
 * less what was refunded: 0 once canceled), `remains` the units not delivered (all of them until
 * the upstream reports), `start_count` 0 until known.
 */
export function wireStatus(order: WireStatusSource): WireStatus {
  const units = order.quantity * (order.runs ?? 1);
  const status = partnerStatus(order.status);
  const net =
    order.refunded === '0'
      ? new Money(order.charge)
      : new Money(order.charge).minus(order.refunded);
  return {
    charge: net.decimalPlaces() > 5 ? net.toFixed() : net.toFixed(5),
    start_count: String(order.startCount ?? 0),
    status: PANEL_ORDER_STATUS[status],
    remains: String(status === 'failed' ? units : (order.remains ?? units)),
    currency: order.currency,
  };
}

/** A decimal string with at least 5 decimals, exact (more decimals are kept, never rounded). */
export function wireMoney(value: string): string {
  const d = new Money(value);
  return d.decimalPlaces() > 5 ? d.toFixed() : d.toFixed(5);
}
