import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import pg from 'pg';
import { AppConfig } from '../../config/app-config.js';
import { TokenCache } from './token-cache.js';
import { TokensRepository } from './tokens.repository.js';

const CHANNEL = 'smmgw_token_changes';
const RECONNECT_MS = 1_000;

/**
 * Token changes (revocation, rotation, partner suspension or update) reach every process: this
 * one drops its cache entries at once; on PostgreSQL the change is also sent with NOTIFY and
 * every process LISTENs, so others drop theirs within milliseconds (the contract is 2 s). A
 * listener that loses its connection clears its whole cache and reconnects: a notification it
 * may have missed cannot leave a revoked token cached. On SQLite there is one process per file.
 */
@Injectable()
export class TokenInvalidations implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(TokenInvalidations.name);
  private client: pg.Client | undefined;
  private closed = false;
  private reconnect: NodeJS.Timeout | undefined;

  constructor(
    private readonly config: AppConfig,
    private readonly cache: TokenCache,
    private readonly tokens: TokensRepository,
  ) {}

  /** Call after the change committed. */
  async token(tokenId: number): Promise<void> {
    this.cache.invalidateToken(tokenId);
    await this.publish(`token:${tokenId}`);
  }

  /** Call after the change committed. */
  async partner(partnerId: number): Promise<void> {
    this.cache.invalidatePartner(partnerId);
    await this.publish(`partner:${partnerId}`);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.database.kind === 'postgres') await this.listen();
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    clearTimeout(this.reconnect);
    await this.client?.end().catch(() => undefined);
  }

  private async publish(payload: string): Promise<void> {
    if (this.config.database.kind !== 'postgres') return;
    try {
      // Through the pool, so it goes out even while this process's listener reconnects.
      await this.tokens.notify(CHANNEL, payload);
    } catch (error) {
      // The change is committed; other processes still drop the entry by age (TOKEN_CACHE_MAX_AGE_MS).
      this.logger.warn(
        { err: error, payload },
        'Could not notify other processes of a token change',
      );
    }
  }

  private async listen(): Promise<void> {
    if (this.config.database.kind !== 'postgres' || this.closed) return;
    const client = new pg.Client({ connectionString: this.config.database.url });
    client.on('notification', (message) => this.apply(message.payload ?? ''));
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
      this.client = client;
    } catch (error) {
      this.logger.warn({ err: error }, 'Token change listener could not connect; retrying');
      this.lost(client);
    }
  }

  private apply(payload: string): void {
    const [kind, id] = payload.split(':');
    const n = Number(id);
    if (!Number.isSafeInteger(n)) return;
    if (kind === 'token') this.cache.invalidateToken(n);
    else if (kind === 'partner') this.cache.invalidatePartner(n);
  }

  private lost(client: pg.Client): void {
    if (this.client === client) this.client = undefined;
    client.end().catch(() => undefined);
    this.cache.clear();
    if (this.closed || this.reconnect) return;
    this.reconnect = setTimeout(() => {
      this.reconnect = undefined;
      void this.listen();
    }, RECONNECT_MS);
    this.reconnect.unref();
  }
}
