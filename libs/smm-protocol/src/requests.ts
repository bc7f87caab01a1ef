import { toAddWireFields, type AddOrderRequest } from './add-order.js';
import { SmmRequestError } from './errors.js';
import { toUpstreamId } from './read.js';

export type SmmAction =
  'services' | 'add' | 'status' | 'refill' | 'refill_status' | 'cancel' | 'balance';

/** One protocol call: its action and its fields as strings, without `key` and `action`. */
export interface SmmRequest {
  readonly action: SmmAction;
  readonly fields: Readonly<Record<string, string>>;
}

/** Status, refill, refill_status and cancel take at most this many ids per call. */
export const MAX_IDS_PER_CALL = 100;

/** An order or refill id as callers hold it: 23501 or "23501". */
export type UpstreamIdInput = string | number;

export const servicesRequest = (): SmmRequest => ({ action: 'services', fields: {} });
export const balanceRequest = (): SmmRequest => ({ action: 'balance', fields: {} });

export function addRequest(order: AddOrderRequest): SmmRequest {
  return { action: 'add', fields: toAddWireFields(order) };
}

export function statusRequest(orderId: UpstreamIdInput): SmmRequest {
  return { action: 'status', fields: { order: oneId(orderId, 'order') } };
}

export function multiStatusRequest(orderIds: readonly UpstreamIdInput[]): SmmRequest {
  return { action: 'status', fields: { orders: idList(orderIds, 'orders') } };
}

export function refillRequest(orderId: UpstreamIdInput): SmmRequest {
  return { action: 'refill', fields: { order: oneId(orderId, 'order') } };
}

export function multiRefillRequest(orderIds: readonly UpstreamIdInput[]): SmmRequest {
  return { action: 'refill', fields: { orders: idList(orderIds, 'orders') } };
}

export function refillStatusRequest(refillId: UpstreamIdInput): SmmRequest {
  return { action: 'refill_status', fields: { refill: oneId(refillId, 'refill') } };
}

export function multiRefillStatusRequest(refillIds: readonly UpstreamIdInput[]): SmmRequest {
  return { action: 'refill_status', fields: { refills: idList(refillIds, 'refills') } };
}

export function cancelRequest(orderIds: readonly UpstreamIdInput[]): SmmRequest {
  return { action: 'cancel', fields: { orders: idList(orderIds, 'orders') } };
}

/** The normalized id ("007" → "7"), or an SmmRequestError: never send something a panel cannot read. */
export function normalizeUpstreamId(id: UpstreamIdInput): string {
  const normalized = toUpstreamId(id);
  if (normalized === null) {
    throw new SmmRequestError(
      `${JSON.stringify(id)} is not an order or refill id (a positive integer)`,
    );
  }
  return normalized;
}

function oneId(id: UpstreamIdInput, field: string): string {
  try {
    return normalizeUpstreamId(id);
  } catch (error) {
    throw new SmmRequestError(`${field}: ${(error as Error).message}`);
  }
}

function idList(ids: readonly UpstreamIdInput[], field: string): string {
  if (ids.length === 0) throw new SmmRequestError(`${field}: at least one id is required`);
  if (ids.length > MAX_IDS_PER_CALL) {
    throw new SmmRequestError(
      `${field}: at most ${MAX_IDS_PER_CALL} ids per call, got ${ids.length}`,
    );
  }
  return ids.map((id) => oneId(id, field)).join(',');
}

/** Splits a list into chunks of at most `size` (for the 100-ids-per-call limit). */
export function chunk<T>(items: readonly T[], size: number = MAX_IDS_PER_CALL): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}
