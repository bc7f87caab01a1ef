import { handleApi } from './actions.js';
import { CatalogError, normalizeCatalog } from './catalog.js';
import { orderView, refillView, type SimEngine } from './engine.js';
import { formatMoney } from './money.js';
import type { SimFaults } from './types.js';

/** A control answer: HTTP status and JSON body. */
export interface ControlResult {
  status: number;
  body: unknown;
}

const ok = (body: unknown): ControlResult => ({ status: 200, body });
const bad = (error: string): ControlResult => ({ status: 400, body: { error } });
const notFound = (error = 'Not found'): ControlResult => ({ status: 404, body: { error } });

const FAULT_KINDS: Record<keyof SimFaults, 'number' | 'boolean' | 'message'> = {
  latencyMs: 'number',
  html502EveryNth: 'number',
  html502AfterCreate: 'boolean',
  truncatedJson: 'boolean',
  hangAfterCreate: 'boolean',
  rejectAddWith: 'message',
  http429: 'boolean',
  statusLowercase: 'boolean',
  multiStatusBareError: 'boolean',
  orderIdAsString: 'boolean',
  servicesLoose: 'boolean',
  overReportChargePercent: 'number',
};

/** Validates a fault set; unknown keys are refused so that a typo does not silently do nothing. */
export function parseFaults(raw: unknown): SimFaults | string {
  if (raw === undefined) return {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return 'faults must be an object';
  const faults: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(raw)) {
    const kind = FAULT_KINDS[name as keyof SimFaults] as string | undefined;
    if (!kind) return `unknown fault ${name}`;
    const valid =
      kind === 'number'
        ? typeof value === 'number' && Number.isInteger(value) && value >= 0
        : kind === 'boolean'
          ? typeof value === 'boolean'
          : typeof value === 'string' || value === null;
    if (!valid) return `fault ${name} must be a ${kind === 'message' ? 'string or null' : kind}`;
    faults[name] = value;
  }
  return faults as SimFaults;
}

const idOf = (text: string | undefined) => (text && /^\d+$/.test(text) ? Number(text) : undefined);
const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isRaw = (value: unknown) =>
  value === undefined || ['string', 'number'].includes(typeof value);

const MAX_BULK = 100_000;

/**
 * Seeding for benchmarks: `count` orders placed exactly as `count` `add` calls with the same
 * fields would place them (same checks, debits and ids), without the HTTP round trips and
 * without counting requests. Stops at the first refusal: 400 with the error and the ids placed.
 */
function placeMany(engine: SimEngine, body: unknown): ControlResult {
  if (!isObject(body)) return bad('body must be an object');
  const { count, ...fields } = body;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > MAX_BULK) {
    return bad(`count must be an integer from 1 to ${MAX_BULK}`);
  }
  const ids: number[] = [];
  for (let i = 0; i < count; i++) {
    const outcome = handleApi(engine, { ...fields, key: engine.apiKey, action: 'add' });
    if (outcome.createdOrderId === undefined) {
      return { status: 400, body: { ...(outcome.body as { error: string }), ids } };
    }
    ids.push(outcome.createdOrderId);
  }
  return ok({ ids });
}

/**
 * The `/__control` endpoint: test and demo control over the panel's state. `onFaultsChanged` lets
 * the server restart its every-Nth counter.
 */
export function handleControl(
  engine: SimEngine,
  method: string,
  path: string,
  body: unknown,
  onFaultsChanged: () => void,
): ControlResult {
  const [, , resource, idText] = path.split('/');
  const route = `${method} ${resource ?? ''}${idText === undefined ? '' : '/:id'}`;
  switch (route) {
    case 'GET state':
      return ok(engine.state());
    case 'PUT catalog':
      try {
        engine.setCatalog(normalizeCatalog(body));
        return ok({ services: engine.catalog.length });
      } catch (error) {
        if (error instanceof CatalogError) return bad(error.message);
        throw error;
      }
    case 'GET orders/:id': {
      const id = idOf(idText);
      const order = id === undefined ? undefined : engine.getOrder(id);
      return order ? ok(orderView(order)) : notFound('Order not found');
    }
    case 'POST orders':
      return placeMany(engine, body);
    case 'POST orders/:id': {
      if (!isObject(body) || typeof body.status !== 'string') return bad('status must be a string');
      if (!isRaw(body.remains) || !isRaw(body.startCount)) {
        return bad('remains and startCount must be strings or numbers');
      }
      const id = idOf(idText);
      const change = body as { status: string; remains?: string; startCount?: string };
      const order = id === undefined ? undefined : engine.setOrderStatus(id, change);
      return order ? ok(orderView(order)) : notFound('Order not found');
    }
    case 'POST refills/:id': {
      if (!isObject(body) || typeof body.status !== 'string') return bad('status must be a string');
      const id = idOf(idText);
      const refill = id === undefined ? undefined : engine.setRefillStatus(id, body.status);
      return refill ? ok(refillView(refill)) : notFound('Refill not found');
    }
    case 'PUT faults':
    case 'DELETE faults': {
      const faults = method === 'DELETE' ? {} : parseFaults(body);
      if (typeof faults === 'string') return bad(faults);
      engine.faults = faults;
      onFaultsChanged();
      return ok(faults);
    }
    case 'PUT balance':
      try {
        engine.setBalance(isObject(body) ? body.balance : undefined);
      } catch {
        return bad('balance must be a non-negative decimal string');
      }
      return ok({ balance: formatMoney(engine.balance), currency: engine.currency });
    case 'PUT settings': {
      if (!isObject(body)) return bad('settings must be an object');
      const { rejectDuplicateLinks, speedMs } = body;
      if (rejectDuplicateLinks !== undefined && typeof rejectDuplicateLinks !== 'boolean') {
        return bad('rejectDuplicateLinks must be a boolean');
      }
      if (speedMs !== undefined && !(Number.isInteger(speedMs) && (speedMs as number) >= 0)) {
        return bad('speedMs must be a non-negative integer');
      }
      engine.settings = {
        rejectDuplicateLinks: rejectDuplicateLinks ?? engine.settings.rejectDuplicateLinks,
        speedMs: (speedMs as number | undefined) ?? engine.settings.speedMs,
      };
      return ok(engine.settings);
    }
    case 'POST reset':
      engine.reset();
      onFaultsChanged();
      return ok({ ok: true });
    default:
      return notFound();
  }
}
