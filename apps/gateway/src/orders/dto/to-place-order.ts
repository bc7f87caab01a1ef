import { ADD_ORDER_FIELDS, type AddOrderField } from '#smm-protocol';
import type { PlaceOrder } from '../placement/place-order.js';
import type { CreateOrderDto } from './create-order.dto.js';

/**
 * A validated `POST /v1/orders` body (or an API v2 `add` read into the same DTO) as the
 * placement's command: conversion happens here, at the edge; placement never sees the DTO.
 */
export function toPlaceOrder(
  partnerId: number,
  dto: CreateOrderDto,
  idempotencyKey: string | null,
): PlaceOrder {
  const fields: Partial<Record<AddOrderField, string | number>> = {};
  for (const field of ADD_ORDER_FIELDS) {
    const value = dto[field];
    if (typeof value === 'string' || typeof value === 'number') fields[field] = value;
  }
  return {
    partnerId,
    serviceId: dto.serviceId,
    fields,
    ...(dto.maxCharge !== undefined ? { maxCharge: dto.maxCharge } : {}),
    ...(dto.only ? { only: dto.only } : {}),
    ...(dto.ignore ? { ignore: dto.ignore } : {}),
    idempotencyKey,
  };
}
