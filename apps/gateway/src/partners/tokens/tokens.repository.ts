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

  /** The partner a token is issued for, read in the issuing transaction. */
  partner(m: Tx, partnerId: number): Promise<PartnerEntity | null> {
    return m.findOneBy(PartnerEntity, { id: partnerId });
  }

  partnerExists(partnerId: number): Promise<boolean> {
    return this.dataSource.getRepository(PartnerEntity).existsBy({ id: partnerId });
  }
}
