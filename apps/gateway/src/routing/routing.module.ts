import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module.js';
import { PartnersModule } from '../partners/partners.module.js';
import { ProvidersModule } from '../providers/providers.module.js';
import { CatalogSnapshotRepository } from './catalog-snapshot.repository.js';
import { RoutesController } from './routes.controller.js';
import { RoutingIndex } from './routing-index.js';
import { PriceListCache } from './price-list-cache.js';
import { RoutingService } from './routing.service.js';
import { ServicesController } from './services.controller.js';

/** Ranking over an in-memory catalog snapshot, the explain view and the partner catalog. */
@Module({
  imports: [ProvidersModule, CatalogModule, PartnersModule],
  controllers: [RoutesController, ServicesController],
  providers: [RoutingIndex, RoutingService, CatalogSnapshotRepository, PriceListCache],
  exports: [RoutingService],
})
export class RoutingModule {}
