import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { DomainError } from '../common/errors/domain-error.js';
import type { Page } from '../common/http/cursor.js';
import type { CreateOrderDto } from './dto/create-order.dto.js';
import type {
  AdminListOrdersQueryDto,
  ListOrdersQueryDto,
  OrderLookupsDto,
  ResolveOrderDto,
} from './dto/order-queries.dto.js';
import { toOrderDto } from './dto/order-view.dto.js';
import { toRefillDto, type BatchOutcomesDto } from './dto/refill.dto.js';
import type { OrderAttemptEntity } from './entities/order-attempt.entity.js';
import { OrderEntity } from './entities/order.entity.js';
import type { RefillEntity } from './entities/refill.entity.js';
import { OrdersQueryService } from './orders-query.service.js';
import { OrderPlacementService } from './placement/order-placement.service.js';
import { ReconciliationService } from './reconciliation/reconciliation.service.js';
import { CancelsService } from './refills/cancels.service.js';
import { RefillsService } from './refills/refills.service.js';

/** The orders use cases behind the controllers (each delegates to the service that owns it). */
@Injectable()
export class OrdersService {
  constructor(
    @InjectRepository(OrderEntity) private readonly orders: Repository<OrderEntity>,
    private readonly placement: OrderPlacementService,
    private readonly query: OrdersQueryService,
    private readonly refills: RefillsService,
    private readonly cancels: CancelsService,
    private readonly reconciliation: ReconciliationService,
  ) {}

  async place(
    partnerId: number,
    dto: CreateOrderDto,
    idempotencyKey: string | null,
  ): Promise<OrderEntity> {
    return this.placement.place(partnerId, dto, idempotencyKey);
  }

  get(partnerId: number, id: number): Promise<OrderEntity> {
    return this.query.getForPartner(partnerId, id);
  }

  list(partnerId: number, query: ListOrdersQueryDto): Promise<Page<OrderEntity>> {
    return this.query.listForPartner(partnerId, query);
  }

  async lookup(partnerId: number, ids: string): Promise<OrderLookupsDto> {
    const wanted = [...new Set(ids.split(',').map(Number))];
    const found = await this.query.lookupForPartner(partnerId, wanted);
    return {
      results: wanted.map((id) => {
        const order = found.get(id);
        return order ? { id, order: toOrderDto(order) } : { id, error: 'Incorrect order ID' };
      }),
    };
  }

  refill(partnerId: number, orderId: number): Promise<RefillEntity> {
    return this.refills.request(partnerId, orderId);
  }

  async cancel(partnerId: number, orderId: number): Promise<OrderEntity> {
    await this.cancels.cancelOne(partnerId, orderId);
    return this.orders.findOneByOrFail({ id: orderId });
  }

  async refillMany(partnerId: number, orderIds: number[]): Promise<BatchOutcomesDto> {
    const results = [];
    for (const orderId of new Set(orderIds)) {
      try {
        results.push({
          orderId,
          ok: true,
          refill: toRefillDto(await this.refills.request(partnerId, orderId)),
        });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        results.push({ orderId, ok: false, code: error.code, error: error.detail });
      }
    }
    return { results };
  }

  async cancelMany(partnerId: number, orderIds: number[]): Promise<BatchOutcomesDto> {
    const outcomes = await this.cancels.cancelMany(partnerId, [...new Set(orderIds)]);
    return {
      results: outcomes.map((o) => ({
        orderId: o.orderId,
        ok: o.accepted,
        code: o.code,
        error: o.error,
      })),
    };
  }

  adminList(query: AdminListOrdersQueryDto): Promise<Page<OrderEntity>> {
    return this.query.listForAdmin(query);
  }

  adminGet(id: number): Promise<{ order: OrderEntity; attempts: OrderAttemptEntity[] }> {
    return this.query.getForAdmin(id);
  }

  resolve(
    id: number,
    dto: ResolveOrderDto,
    actor: { actor: string; requestId?: string },
  ): Promise<void> {
    return this.reconciliation.resolve(id, dto, actor);
  }
}
