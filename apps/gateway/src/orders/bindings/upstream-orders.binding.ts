import { Injectable } from '@nestjs/common';
import type { AddOrderRequest } from '#smm-protocol';
import { ProviderAdapters } from '../../providers/provider-adapters.js';
import { UpstreamOrders } from '../ports/upstream-orders.port.js';

/** UpstreamOrders over the providers module's adapters (one per provider, key decrypted once). */
@Injectable()
export class ProviderUpstreamOrders extends UpstreamOrders {
  constructor(private readonly adapters: ProviderAdapters) {
    super();
  }

  async add(providerId: number, order: AddOrderRequest) {
    return (await this.adapters.forProvider(providerId)).add(order);
  }

  async statuses(providerId: number, ids: readonly string[]) {
    return (await this.adapters.forProvider(providerId)).statuses(ids);
  }

  async refill(providerId: number, upstreamOrderId: string) {
    return (await this.adapters.forProvider(providerId)).refill(upstreamOrderId);
  }

  async refillStatuses(providerId: number, ids: readonly string[]) {
    return (await this.adapters.forProvider(providerId)).refillStatuses(ids);
  }

  async cancel(providerId: number, ids: readonly string[]) {
    return (await this.adapters.forProvider(providerId)).cancel(ids);
  }
}
