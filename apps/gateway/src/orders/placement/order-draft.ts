import {
  ADD_ORDER_FIELDS,
  orderedUnits,
  SERVICE_TYPE_RULES,
  validateAddOrder,
  type AddOrderField,
  type AddOrderRequest,
} from '#smm-protocol';
import type { FieldError } from '../../common/errors/domain-error.js';
import type { OrderParams } from '../entities/order.entity.js';
import type { OrderableService, RouteQuery } from '../ports/order-routing.port.js';
import type { PlaceOrder } from './place-order.js';

/** An order checked against its service's type, ready to route and to send upstream. */
export interface OrderDraft {
  /** The add fields without `service` (set per attempt to the offer's upstream id). */
  readonly fields: Omit<AddOrderRequest, 'service'>;
  /** Per run; derived from lines for list types; 1 for packages. */
  readonly quantity: number;
  readonly runs: number | null;
  readonly interval: number | null;
  readonly params: OrderParams;
  readonly route: RouteQuery;
}

/**
 * Validates an order for its service's type (required fields, fields the type does not take,
 * drip-feed) and derives its quantity. Pure: errors come back as field errors.
 */
export function draftOrder(
  service: OrderableService,
  command: Pick<PlaceOrder, 'fields' | 'only' | 'ignore'>,
): { draft: OrderDraft; errors: [] } | { draft: null; errors: FieldError[] } {
  const fields: Partial<Record<AddOrderField, string | number>> = {};
  for (const field of ADD_ORDER_FIELDS) {
    const value = command.fields[field];
    if (typeof value === 'string' || typeof value === 'number') fields[field] = value;
  }
  const request = { service: String(service.id), ...fields } as AddOrderRequest;
  const errors: FieldError[] = validateAddOrder(service.type, request)
    .filter((p) => p.field !== 'service')
    .map((p) => ({ field: p.field, message: `${p.field} ${p.message}` }));
  const dripFeed = request.runs !== undefined || request.interval !== undefined;
  if (dripFeed && !service.dripfeed) {
    errors.push({ field: 'runs', message: 'runs: this service does not support drip-feed' });
  }
  if (errors.length > 0) return { draft: null, errors };

  const rule = SERVICE_TYPE_RULES[service.type];
  const runs = request.runs ?? null;
  const units = orderedUnits(service.type, request);
  // Subscriptions are charged for the most they can deliver: max per post × posts (at least one).
  const total = units ?? (request.max ?? 0) * Math.max(request.posts ?? 1, 1);
  const quantity = rule.ratePerPackage ? 1 : runs ? total / runs : total;
  const { service: _service, ...withoutService } = request;
  return {
    draft: {
      fields: withoutService,
      quantity,
      runs,
      interval: request.interval ?? null,
      params: fields,
      route: {
        quantity,
        runs: runs ?? undefined,
        only: command.only ? [...command.only] : undefined,
        ignore: command.ignore ? [...command.ignore] : undefined,
      },
    },
    errors: [],
  };
}
