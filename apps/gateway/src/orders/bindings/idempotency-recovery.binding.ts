import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { toOrderDto } from '../dto/order-view.dto.js';
import { OrderEntity } from '../entities/order.entity.js';
import { IdempotencyRecovery } from '../idempotency/idempotency-recovery.js';

/** An interrupted POST /v1/orders left its order (found by the key it carries), or nothing. */
@Injectable()
export class OrderIdempotencyRecovery extends IdempotencyRecovery {
  constructor(@InjectRepository(OrderEntity) private readonly orders: Repository<OrderEntity>) {
    super();
  }

  async recover(partnerId: number, key: string): Promise<{ status: number; body: unknown } | null> {
    const order = await this.orders.findOneBy({ partnerId, idempotencyKey: key });
    return order ? { status: 201, body: toOrderDto(order) } : null;
  }
}
