import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { CatalogModule } from '../catalog/catalog.module.js';
import { OrdersModule } from '../orders/orders.module.js';
import { PartnersModule } from '../partners/partners.module.js';
import { RoutingModule } from '../routing/routing.module.js';
import { ApiV2Account } from './api-v2-account.js';
import { ApiV2FollowUps } from './api-v2-follow-ups.js';
import { ApiV2Keys } from './api-v2-keys.js';
import { ApiV2Idempotency } from './api-v2-idempotency.js';
import { ApiV2Orders } from './api-v2-orders.js';
import { ApiV2Controller } from './api-v2.controller.js';
import { ApiV2Service } from './api-v2.service.js';

/**
 * The API v2 facade at /api/v2: the protocol the upstream panels speak, served by the gateway so
 * any panel or script can use it as one more upstream. A translation onto the same services as
 * the REST API (tokens, price list, wallet, orders), nothing of its own.
 */
@Module({
  imports: [AuthModule, CatalogModule, RoutingModule, PartnersModule, OrdersModule],
  controllers: [ApiV2Controller],
  providers: [ApiV2Keys, ApiV2Account, ApiV2Orders, ApiV2Idempotency, ApiV2FollowUps, ApiV2Service],
})
export class CompatModule {}
