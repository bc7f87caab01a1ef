import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CatalogModule } from '../catalog/catalog.module.js';
import { PartnersModule } from '../partners/partners.module.js';
import { ProvidersModule } from '../providers/providers.module.js';
import { RoutingModule } from '../routing/routing.module.js';
import { WebhooksModule } from '../webhooks/webhooks.module.js';
import { OrderEvents } from './events/order-events.js';
import { AdminOrdersController } from './admin-orders.controller.js';
import { PartnerOrderMoney } from './bindings/order-money.binding.js';
import { SnapshotOrderRouting } from './bindings/order-routing.binding.js';
import { OrderIdempotencyRecovery } from './bindings/idempotency-recovery.binding.js';
import { ProviderUpstreamOrders } from './bindings/upstream-orders.binding.js';
import { OrderChargesRepository } from './costs/order-charges.repository.js';
import { UpstreamChargeAudit } from './costs/upstream-charge-audit.js';
import { IdempotencyKeyEntity } from './entities/idempotency-key.entity.js';
import { OrderAttemptEntity } from './entities/order-attempt.entity.js';
import { OrderEntity } from './entities/order.entity.js';
import { RefillEntity } from './entities/refill.entity.js';
import { IdempotencyRecovery } from './idempotency/idempotency-recovery.js';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor.js';
import { IdempotencyKeysRepository } from './idempotency/idempotency-keys.repository.js';
import { IdempotencyStore } from './idempotency/idempotency.store.js';
import { OrdersQueryService } from './orders-query.service.js';
import { OrdersController } from './orders.controller.js';
import { OrdersJobs } from './orders.jobs.js';
import { OrdersRepository } from './orders.repository.js';
import { OrderPlacementService } from './placement/order-placement.service.js';
import { OrderRecords } from './placement/order-records.js';
import { OrderMoney } from './ports/order-money.port.js';
import { OrderRouting } from './ports/order-routing.port.js';
import { UpstreamOrders } from './ports/upstream-orders.port.js';
import { ReconciliationService } from './reconciliation/reconciliation.service.js';
import { CancelsService } from './follow-ups/cancels.service.js';
import { RefillsService } from './follow-ups/refills.service.js';
import { RefillsController } from './refills.controller.js';
import { OrderSettlement } from './sync/order-settlement.js';
import { OrderPollsRepository } from './sync/order-polls.repository.js';
import { OrderSyncService } from './sync/order-sync.service.js';
import { RefillsRepository } from './follow-ups/refills.repository.js';
import { PollSchedule } from './sync/poll-schedule.service.js';

/**
 * Orders end to end: placement with safe failover, idempotency, status sync, refills, cancels,
 * reconciliation. The rest of the gateway is reached through three ports (routing, money,
 * upstream orders), bound here to the routing, partners and providers modules.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([OrderEntity, OrderAttemptEntity, RefillEntity, IdempotencyKeyEntity]),
    ProvidersModule,
    CatalogModule,
    RoutingModule,
    PartnersModule,
    WebhooksModule,
  ],
  controllers: [OrdersController, RefillsController, AdminOrdersController],
  providers: [
    { provide: OrderRouting, useClass: SnapshotOrderRouting },
    { provide: OrderMoney, useClass: PartnerOrderMoney },
    { provide: UpstreamOrders, useClass: ProviderUpstreamOrders },
    { provide: IdempotencyRecovery, useClass: OrderIdempotencyRecovery },
    IdempotencyStore,
    IdempotencyInterceptor,
    PollSchedule,
    OrderRecords,
    OrderEvents,
    OrderPlacementService,
    OrderSettlement,
    OrderSyncService,
    UpstreamChargeAudit,
    OrdersQueryService,
    RefillsService,
    CancelsService,
    ReconciliationService,
    OrdersJobs,
    OrdersRepository,
    OrderPollsRepository,
    RefillsRepository,
    IdempotencyKeysRepository,
    OrderChargesRepository,
  ],
  exports: [
    OrderSyncService,
    ReconciliationService,
    OrderPlacementService,
    OrdersQueryService,
    RefillsService,
    CancelsService,
    IdempotencyStore,
    IdempotencyRecovery,
  ],
})
export class OrdersModule {}
