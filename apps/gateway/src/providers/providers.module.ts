import { WebhooksModule } from '../webhooks/webhooks.module.js';
import { ProviderAlerts } from './provider-alerts.js';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApiV2ProviderAdapterFactory } from './api-v2-provider-adapter.js';
import { CatalogRevision } from './catalog-revision.js';
import { ProviderAdapterFactory } from './provider-adapter.js';
import { ProviderAdapters } from './provider-adapters.js';
import { ProviderBalanceJob } from './provider-balance.job.js';
import { ProviderKeyCipher } from './provider-key-cipher.js';
import { ProviderEntity } from './provider.entity.js';
import { ProvidersController } from './providers.controller.js';
import { ProviderHealthController } from './provider-health.controller.js';
import { ProvidersRepository } from './providers.repository.js';
import { ProvidersService } from './providers.service.js';
import { ProviderEjections } from './provider-ejections.js';
import { UpstreamObserver } from './upstream-observer.js';

/** The provider registry, the adapter port (bound to API v2) and the catalog revision counter. */
@Module({
  imports: [TypeOrmModule.forFeature([ProviderEntity]), WebhooksModule],
  controllers: [ProvidersController, ProviderHealthController],
  providers: [
    { provide: ProviderAdapterFactory, useClass: ApiV2ProviderAdapterFactory },
    ProviderAdapters,
    ProviderKeyCipher,
    ProvidersService,
    ProviderAlerts,
    CatalogRevision,
    ProviderBalanceJob,
    UpstreamObserver,
    ProviderEjections,
    ProvidersRepository,
  ],
  exports: [
    ProvidersService,
    ProvidersRepository,
    ProviderAdapters,
    CatalogRevision,
    TypeOrmModule,
    ProviderEjections,
  ],
})
export class ProvidersModule {}
