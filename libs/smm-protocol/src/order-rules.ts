import { Decimal } from 'decimal.js';
import { ADD_ORDER_FIELDS, isListField, splitLines, type AddOrderRequest } from './add-order.js';
import { SERVICE_TYPE_RULES, type AddOrderField, type ServiceType } from './service-types.js';

export interface AddOrderProblem {
  /** The camelCase field name (or `service`). */
  readonly field: AddOrderField | 'service';
  readonly message: string;
}

type IntegerCheck = readonly [min: number, max: number];

// Bounds the protocol itself implies; per-offer min/max are the routing's business.
const INTEGER_FIELDS: Partial<Record<AddOrderField, IntegerCheck>> = {
  quantity: [1, Number.MAX_SAFE_INTEGER],
  runs: [1, Number.MAX_SAFE_INTEGER],
  interval: [1, Number.MAX_SAFE_INTEGER],
  answerNumber: [1, Number.MAX_SAFE_INTEGER],
  min: [0, Number.MAX_SAFE_INTEGER],
  max: [0, Number.MAX_SAFE_INTEGER],
  posts: [0, Number.MAX_SAFE_INTEGER],
  oldPosts: [0, Number.MAX_SAFE_INTEGER],
  delay: [0, Number.MAX_SAFE_INTEGER],
  device: [1, 5],
  typeOfTraffic: [1, 3],
};

/**
 * Everything wrong with an `add` for a service of this type (empty when it is fine): missing
 * required fields, fields the type does not take, runs without interval, out-of-range integers,
 * a malformed expiry, and Web Traffic's keyword/referrer that depends on typeOfTraffic.
 */
export function validateAddOrder(type: ServiceType, order: AddOrderRequest): AddOrderProblem[] {
  const rule = SERVICE_TYPE_RULES[type];
  const problems: AddOrderProblem[] = [];
  const add = (field: AddOrderProblem['field'], message: string) =>
    problems.push({ field, message });

  if (!String(order.service ?? '').trim()) add('service', 'is required');
  const allowed = new Set<AddOrderField>([...rule.required, ...rule.optional]);
  for (const field of rule.required) {
    if (isMissing(order, field)) add(field, `is required for ${type} services`);
  }
  for (const field of ADD_ORDER_FIELDS) {
    if (order[field] !== undefined && !allowed.has(field)) {
      add(field, `is not accepted by ${type} services`);
    }
  }
  if ((order.runs === undefined) !== (order.interval === undefined)) {
    add(order.runs === undefined ? 'runs' : 'interval', 'runs and interval go together');
  }
  for (const [field, [min, max]] of Object.entries(INTEGER_FIELDS) as [
    AddOrderField,
    IntegerCheck,
  ][]) {
    const value = order[field];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
      add(
        field,
        max === Number.MAX_SAFE_INTEGER
          ? `must be an integer ≥ ${min}`
          : `must be an integer from ${min} to ${max}`,
      );
    }
  }
  if (typeof order.min === 'number' && typeof order.max === 'number' && order.min > order.max) {
    add('max', 'must not be less than min');
  }
  if (order.expiry !== undefined && !isDayMonthYear(order.expiry)) {
    add('expiry', 'must be a date written d/m/Y, e.g. 31/12/2026');
  }
  if (type === 'Web Traffic') checkTrafficSource(order, add);
  return problems;
}

function checkTrafficSource(
  order: AddOrderRequest,
  add: (field: AddOrderField, message: string) => void,
): void {
  const wantsKeyword = order.typeOfTraffic === 1;
  const wantsReferrer = order.typeOfTraffic === 2;
  if (wantsKeyword && isMissing(order, 'googleKeyword'))
    add('googleKeyword', 'is required when typeOfTraffic is 1');
  if (!wantsKeyword && order.googleKeyword !== undefined)
    add('googleKeyword', 'is accepted only when typeOfTraffic is 1');
  if (wantsReferrer && isMissing(order, 'referringUrl'))
    add('referringUrl', 'is required when typeOfTraffic is 2');
  if (!wantsReferrer && order.referringUrl !== undefined)
    add('referringUrl', 'is accepted only when typeOfTraffic is 2');
}

function isMissing(order: AddOrderRequest, field: AddOrderField): boolean {
  const value = order[field];
  if (value === undefined || value === null) return true;
  if (isListField(field)) return splitLines(value as string | readonly string[]).length === 0;
  return typeof value === 'string' && !value.trim();
}

function isDayMonthYear(text: string): boolean {
  const match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text.trim());
  if (!match) return false;
  const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}

/**
 * The units an order asks for, in the unit its rate prices: quantity × runs, the number of lines
 * for types whose quantity is the lines, 1 for packages; null for Subscriptions (it depends on
 * future posts). Assumes validateAddOrder found nothing wrong.
 */
export function orderedUnits(type: ServiceType, order: AddOrderRequest): number | null {
  const rule = SERVICE_TYPE_RULES[type];
  if (!rule.chargeKnownUpfront) return null;
  if (rule.ratePerPackage) return 1;
  if (rule.quantityFromLines) return splitLines(order[rule.quantityFromLines] ?? []).length;
  return (order.quantity ?? 0) * (order.runs ?? 1);
}

// Enough digits that rate × units / 1000 is never rounded, whatever the global Decimal precision.
const ExactDecimal = Decimal.clone({ precision: 60 });

/** What the upstream should charge at this rate: rate × units / 1000, or rate for a package. */
export function expectedCharge(
  type: ServiceType,
  rate: Decimal,
  order: AddOrderRequest,
): Decimal | null {
  const units = orderedUnits(type, order);
  if (units === null) return null;
  if (SERVICE_TYPE_RULES[type].ratePerPackage) return new Decimal(rate);
  const exact = new ExactDecimal(rate.toString()).times(units).dividedBy(1000);
  return new Decimal(exact.toString());
}
