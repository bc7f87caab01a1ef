import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { closeSync, existsSync, mkdirSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { AppConfig } from '../../config/app-config.js';
import { TokensRepository } from './tokens.repository.js';
import { TokensService } from './tokens.service.js';

/** Where the first start without ADMIN_TOKEN leaves the operator's way in. */
export const ADMIN_TOKEN_FILE = 'admin-token';

/**
 * A fresh gateway without ADMIN_TOKEN would answer 401 to everything with no way in. On the first
 * start on an empty database (no token issued yet) it issues one operator token with the `admin`
 * scope and writes it to `$DATA_DIR/admin-token` (mode 0600, only the owner reads it); the log says
 * where, never the token. Once: a later start finds tokens (or the file) and does nothing.
 */
@Injectable()
export class BootstrapAdminToken implements OnApplicationBootstrap {
  private readonly logger = new Logger('Bootstrap');

  constructor(
    private readonly config: AppConfig,
    private readonly tokens: TokensService,
    private readonly rows: TokensRepository,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.auth.adminToken) return;
    const file = join(this.config.dataDir, ADMIN_TOKEN_FILE);
    if (existsSync(file)) {
      this.logger.log({ file }, 'No ADMIN_TOKEN: use the bootstrap admin token in this file');
      return;
    }
    if (await this.rows.anyIssued()) return;
    // The file is claimed before the token is issued: of processes starting together on one
    // fresh database, one writes it and the others are told to use it.
    mkdirSync(this.config.dataDir, { recursive: true });
    let fd: number;
    try {
      fd = openSync(file, 'wx', 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      this.logger.log({ file }, 'No ADMIN_TOKEN: use the bootstrap admin token in this file');
      return;
    }
    let issued: Awaited<ReturnType<TokensService['issueOperatorToken']>>;
    try {
      issued = await this.tokens.issueOperatorToken(
        { name: 'bootstrap admin', scopes: ['admin'] },
        { actor: 'bootstrap' },
      );
      writeSync(fd, `${issued.token}\n`);
    } catch (error) {
      closeSync(fd);
      rmSync(file, { force: true });
      throw error;
    }
    closeSync(fd);
    this.logger.warn(
      { file, tokenId: issued.row.id },
      'No ADMIN_TOKEN and no token issued yet: a bootstrap admin token was written to this file (owner-only)',
    );
  }
}
