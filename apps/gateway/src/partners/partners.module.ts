import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditLogController } from './audit-log/audit-log.controller.js';
import { AuditLogService } from './audit-log/audit-log.service.js';
import { PartnerEntity } from './partner.entity.js';
import { PartnersController } from './partners.controller.js';
import { PartnersService } from './partners.service.js';
import { PricingService } from './pricing/pricing.service.js';
import { TokensModule } from './tokens/tokens.module.js';
import { WebhooksModule } from '../webhooks/webhooks.module.js';
import { AdminLedgerService } from './wallet/admin-ledger.service.js';
import { BalanceAlertController, BalanceController } from './wallet/balance.controller.js';
import { LedgerEntryEntity } from './wallet/ledger-entry.entity.js';
import { WalletAdminController } from './wallet/wallet-admin.controller.js';
import { WalletEntity } from './wallet/wallet.entity.js';
import { PartnersRepository } from './partners.repository.js';
import { BootstrapAdminToken } from './tokens/bootstrap-admin-token.js';
import { WalletRepository } from './wallet/wallet.repository.js';
import { WalletService } from './wallet/wallet.service.js';

/**
 * Partners, their wallets and prices, and the audit log reader. Exports what the orders and
 * catalog modules build on: WalletService (charge/refund inside their transaction) and
 * PricingService (a partner's rate for a routed cost).
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([PartnerEntity, WalletEntity, LedgerEntryEntity]),
    TokensModule,
    WebhooksModule,
  ],
  controllers: [
    PartnersController,
    WalletAdminController,
    BalanceController,
    BalanceAlertController,
    AuditLogController,
  ],
  providers: [
    PartnersService,
    WalletService,
    WalletRepository,
    PartnersRepository,
    AdminLedgerService,
    PricingService,
    AuditLogService,
    BootstrapAdminToken,
  ],
  exports: [WalletService, PricingService, PartnersService],
})
export class PartnersModule {}
