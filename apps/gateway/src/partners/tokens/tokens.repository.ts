import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { SqlDialect } from '../../database/sql-dialect.js';
import type { Tx } from '../../database/transactions.js';
import { PartnerEntity } from '../partner.entity.js';
import { ApiTokenEntity } from './api-token.entity.js';

export type NewToken = Omit<ApiTokenEntity, 'id'>;

/** The token rows issuing, rotating and revoking write. Methods taking a `Tx` run in it. */
@Injectable()
export class TokensRepository {
  constructor(
    private readonly sql: SqlDialect,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  insert(m: Tx, token: NewToken): Promise<ApiTokenEntity> {
    return m.save(m.create(ApiTokenEntity, token));
  }

  save(m: Tx, token: ApiTokenEntity): Promise<ApiTokenEntity> {
    return m.save(token);
  }

  /** The token's row locked until the transaction ends (PostgreSQL), or null. */
  lock(m: Tx, id: number): Promise<ApiTokenEntity | null> {
    return m.findOne(ApiTokenEntity, { where: { id }, ...this.sql.lockOptions });
  }

  ofPartner(partnerId: number): Promise<ApiTokenEntity[]> {
    return this.dataSource
      .getRepository(ApiTokenEntity)
      .find({ where: { partnerId }, order: { id: 'ASC' } });
  }

  /** The partner a token is issued for (in the caller's transaction when given). */
  partner(m: Tx | undefined, partnerId: number): Promise<PartnerEntity | null> {
    return (m ?? this.dataSource.manager).findOneBy(PartnerEntity, { id: partnerId });
  }

  /** The token with this keyed hash (the only form a token is stored in). */
  byHash(tokenHash: string): Promise<ApiTokenEntity | null> {
    return this.dataSource.getRepository(ApiTokenEntity).findOneBy({ tokenHash });
  }

  /** Records the token's last use. */
  async touch(m: Tx, id: number, at: Date): Promise<void> {
    await m.update(ApiTokenEntity, { id }, { lastUsedAt: at });
  }

  /** Whether any token was ever issued (the database is not a fresh one). */
  anyIssued(): Promise<boolean> {
    return this.dataSource.getRepository(ApiTokenEntity).exists();
  }

  partnerExists(partnerId: number): Promise<boolean> {
    return this.dataSource.getRepository(PartnerEntity).existsBy({ id: partnerId });
  }

  /** PostgreSQL NOTIFY on `channel` (through the pool, so it goes out whatever else is down). */
  async notify(channel: string, payload: string): Promise<void> {
    await this.dataSource.query('SELECT pg_notify($1, $2)', [channel, payload]);
  }
}
