import { WebhooksModule } from '../webhooks/webhooks.module.js';
import { CatalogAlerts } from './catalog-alerts.js';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ProvidersModule } from '../providers/providers.module.js';
import { AdminServicesController } from './admin-services.controller.js';
import { CatalogDocumentService } from './catalog-document.service.js';
import { CurrenciesRepository } from './currencies.repository.js';
import { OfferLimits } from './offer-limits.service.js';
import { ServicesRepository } from './services.repository.js';
import { OffersRepository } from './offers.repository.js';
import { CatalogSuggestionsService } from './catalog-suggestions.service.js';
import { CatalogSyncJob } from './catalog-sync.job.js';
import { CatalogSyncService } from './catalog-sync.service.js';
import { CatalogController } from './catalog.controller.js';
import { CurrenciesController } from './currencies.controller.js';
import { CurrenciesService } from './currencies.service.js';
import { CurrencyRateEntity } from './currency-rate.entity.js';
import { OfferRateChangeEntity } from './offer-rate-change.entity.js';
import { OffersService } from './offers.service.js';
import { ProviderOfferEntity } from './provider-offer.entity.js';
import { ProviderOffersController } from './provider-offers.controller.js';
import { ServiceOfferEntity } from './service-offer.entity.js';
import { ServiceEntity } from './service.entity.js';
import { ServicesAdminService } from './services-admin.service.js';
import { TableCurrencyRates } from './table-currency-rates.js';
import { CurrencyRates } from '../partners/pricing/currency-rates.js';

/** Upstream offers and their sync, our services and mapping, suggestions, currency rates. */
@Module({
  imports: [
    ProvidersModule,
    WebhooksModule,
    TypeOrmModule.forFeature([
      ProviderOfferEntity,
      OfferRateChangeEntity,
      ServiceEntity,
      ServiceOfferEntity,
      CurrencyRateEntity,
    ]),
  ],
  controllers: [
    ProviderOffersController,
    AdminServicesController,
    CatalogController,
    CurrenciesController,
  ],
  providers: [
    CatalogAlerts,
    CatalogSyncService,
    CatalogSyncJob,
    OffersService,
    OffersRepository,
    CurrenciesRepository,
    ServicesRepository,
    OfferLimits,
    ServicesAdminService,
    CatalogDocumentService,
    CatalogSuggestionsService,
    CurrenciesService,
    { provide: CurrencyRates, useClass: TableCurrencyRates },
  ],
  exports: [
    CatalogSyncService,
    CurrenciesService,
    ServicesAdminService,
    CurrencyRates,
    OfferLimits,
    TypeOrmModule,
  ],
})
export class CatalogModule {}
