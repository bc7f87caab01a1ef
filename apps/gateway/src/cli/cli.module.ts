import { Module, type DynamicModule } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import type { AppConfig } from '../config/app-config.js';
import { ConfigModule } from '../config/config.module.js';
import { DatabaseModule } from '../database/database.module.js';
import { TokensModule } from '../partners/tokens/tokens.module.js';

/**
 * What the CLI needs and nothing more: the same configuration and data source as the server
 * (migrations applied on start, so it works on a fresh install), the audit log and tokens.
 */
@Module({})
export class CliModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: CliModule,
      imports: [ConfigModule.forRoot(config), DatabaseModule, AuditModule, TokensModule],
    };
  }
}
