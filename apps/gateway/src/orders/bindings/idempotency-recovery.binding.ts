import { Injectable } from '@nestjs/common';
import { toOrderDto } from '../dto/order-view.dto.js';
import { IdempotencyRecovery } from '../idempotency/idempotency-recovery.js';
import { OrdersRepository } from '../orders.repository.js';

/** An interrupted POST /v1/orders left its order (found by the key it carries), or nothing. */
@Injectable()
export class OrderIdempotencyRecovery extends IdempotencyRecovery {
  constructor(private readonly orders: OrdersRepository) {
    super();
  }

  async recover(partnerId: number, key: string): Promise<{ status: number; body: unknown } | null> {
    const order = await this.orders.findByIdempotencyKey(partnerId, key);
    return order ? { status: 201, body: toOrderDto(order) } : null;
  }
}
