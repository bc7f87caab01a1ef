import { checkAdd } from './add-validation.js';
import type { Order, SimEngine } from './engine.js';
import { formatMoney, roundMoney, type Money } from './money.js';
import type { SimService } from './types.js';

/** What an API call produced: the JSON body, and the id of an order it created (for faults). */
export interface ApiOutcome {
  body: unknown;
  createdOrderId?: number;
}

type Params = Record<string, unknown>;
type ErrorBody = { error: string };

const MAX_IDS = 100;
const ID = /^\d+$/;
const fail = (error: string): ApiOutcome => ({ body: { error } });

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number') return String(value);
  return undefined;
}

/** A comma list of ids (`orders`, `refills`); undefined when the field is absent or empty. */
function idList(params: Params, name: string): string[] | undefined {
  const value = params[name];
  const raw = Array.isArray(value) ? value.map(String).join(',') : text(value);
  const ids = raw
    ?.split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '');
  return ids && ids.length > 0 ? ids : undefined;
}

const asId = (raw: string) => (ID.test(raw) ? Number(raw) : undefined);
/** Multi answers echo the id as a number when it is one, as panels do. */
const echo = (raw: string) => (ID.test(raw) ? Number(raw) : raw);

/** Dispatches one `/api/v2` call. Logical errors are bodies; the HTTP status is always 200. */
export function handleApi(engine: SimEngine, params: Params): ApiOutcome {
  const key = text(params.key);
  const action = text(params.action);
  if (!key || !action) return fail('Incorrect request');
  if (key !== engine.apiKey) return fail('Invalid API key');
  switch (action) {
    case 'services':
      return { body: engine.catalog.map((s) => serviceView(engine, s)) };
    case 'add':
      return add(engine, params);
    case 'status':
      return status(engine, params);
    case 'refill':
      return refill(engine, params);
    case 'refill_status':
      return refillStatus(engine, params);
    case 'cancel':
      return cancel(engine, params);
    case 'balance':
      return { body: { balance: formatMoney(engine.balance), currency: engine.currency } };
    default:
      return fail('Incorrect request');
  }
}

function serviceView(engine: SimEngine, service: SimService): unknown {
  if (!engine.faults.servicesLoose) return service;
  const bit = (value: boolean | undefined) => (value ? 1 : 0);
  return {
    ...service,
    service: String(service.service),
    min: Number(service.min),
    max: Number(service.max),
    refill: bit(service.refill),
    cancel: bit(service.cancel),
    ...(service.dripfeed === undefined ? {} : { dripfeed: bit(service.dripfeed) }),
  };
}

function add(engine: SimEngine, params: Params): ApiOutcome {
  if (typeof engine.faults.rejectAddWith === 'string') return fail(engine.faults.rejectAddWith);
  const serviceId = asId(text(params.service) ?? '');
  const service = serviceId === undefined ? undefined : engine.findService(serviceId);
  if (!service) return fail('Incorrect service ID');
  const accepted = checkAdd(service, params);
  if ('error' in accepted) return fail(accepted.error);
  const { key: _key, ...received } = params;
  const order = engine.placeOrder(service, received, accepted);
  if ('error' in order) return fail(order.error);
  const id = engine.faults.orderIdAsString ? String(order.id) : order.id;
  return { body: { order: id }, createdOrderId: order.id };
}

function statusView(engine: SimEngine, order: Order) {
  return {
    charge: formatMoney(reportedCharge(engine, order)),
    start_count: order.startCount,
    status: engine.faults.statusLowercase ? order.status.toLowerCase() : order.status,
    remains: order.remains,
    currency: engine.currency,
  };
}

/** The charge as status answers report it (inflated by the overReportChargePercent fault). */
function reportedCharge(engine: SimEngine, order: Order): Money {
  const percent = engine.faults.overReportChargePercent;
  if (!percent) return order.charge;
  return roundMoney(order.charge.mul(100 + percent).div(100));
}

function lookup(engine: SimEngine, raw: string | undefined): Order | undefined {
  const id = raw === undefined ? undefined : asId(raw);
  return id === undefined ? undefined : engine.getOrder(id);
}

function status(engine: SimEngine, params: Params): ApiOutcome {
  const ids = idList(params, 'orders');
  if (!ids) {
    const order = lookup(engine, text(params.order));
    if (order) order.statusQueries += 1;
    return order ? { body: statusView(engine, order) } : fail('Incorrect order ID');
  }
  if (ids.length > MAX_IDS) return fail('Incorrect request');
  const unknown = engine.faults.multiStatusBareError
    ? 'Incorrect order ID'
    : { error: 'Incorrect order ID' };
  const body: Record<string, unknown> = {};
  for (const raw of ids) {
    const order = lookup(engine, raw);
    if (order) order.statusQueries += 1;
    body[raw] = order ? statusView(engine, order) : unknown;
  }
  return { body };
}

function refillOne(engine: SimEngine, raw: string): number | ErrorBody {
  const order = lookup(engine, raw);
  if (!order) return { error: 'Incorrect order ID' };
  const refill = engine.requestRefill(order);
  return 'error' in refill ? refill : refill.id;
}

function refill(engine: SimEngine, params: Params): ApiOutcome {
  const ids = idList(params, 'orders');
  if (!ids) {
    const result = refillOne(engine, text(params.order) ?? '');
    return typeof result === 'number' ? { body: { refill: String(result) } } : { body: result };
  }
  if (ids.length > MAX_IDS) return fail('Incorrect request');
  return { body: ids.map((raw) => ({ order: echo(raw), refill: refillOne(engine, raw) })) };
}

function refillStatusOne(engine: SimEngine, raw: string): string | ErrorBody {
  const id = asId(raw);
  const found = id === undefined ? undefined : engine.getRefill(id);
  return found ? found.status : { error: 'Refill not found' };
}

function refillStatus(engine: SimEngine, params: Params): ApiOutcome {
  const ids = idList(params, 'refills');
  if (!ids) {
    const result = refillStatusOne(engine, text(params.refill) ?? '');
    return { body: typeof result === 'string' ? { status: result } : result };
  }
  if (ids.length > MAX_IDS) return fail('Incorrect request');
  return { body: ids.map((raw) => ({ refill: echo(raw), status: refillStatusOne(engine, raw) })) };
}

/** `orders` (canonical) or `order` (some panels); the answer is always the array form. */
function cancel(engine: SimEngine, params: Params): ApiOutcome {
  const ids = idList(params, 'orders') ?? idList(params, 'order');
  if (!ids) return fail('Incorrect order ID');
  if (ids.length > MAX_IDS) return fail('Incorrect request');
  return {
    body: ids.map((raw) => {
      const order = lookup(engine, raw);
      const result = order ? engine.cancelOrder(order) : { error: 'Incorrect order ID' };
      return { order: echo(raw), cancel: result === true ? 1 : result };
    }),
  };
}
