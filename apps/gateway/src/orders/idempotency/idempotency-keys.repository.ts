import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { LessThan, type DataSource } from 'typeorm';
import { SqlDialect } from '../../database/sql-dialect.js';
import type { Tx } from '../../database/transactions.js';
import { IdempotencyKeyEntity } from '../entities/idempotency-key.entity.js';

export type NewIdempotencyKey = Omit<IdempotencyKeyEntity, 'id' | 'createdAt'>;

/** All SQL of the idempotency keys. Methods taking a `Tx` run in the caller's transaction. */
@Injectable()
export class IdempotencyKeysRepository {
  constructor(
    private readonly sql: SqlDialect,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** The partner's key, its row locked until the transaction ends (PostgreSQL). */
  lock(m: Tx, partnerId: number, key: string): Promise<IdempotencyKeyEntity | null> {
    return m
      .getRepository(IdempotencyKeyEntity)
      .findOne({ where: { partnerId, key }, ...this.sql.lockOptions });
  }

  insert(m: Tx, row: NewIdempotencyKey): Promise<IdempotencyKeyEntity> {
    const keys = m.getRepository(IdempotencyKeyEntity);
    return keys.save(keys.create(row));
  }

  async update(m: Tx, id: number, change: Partial<IdempotencyKeyEntity>): Promise<void> {
    await m.getRepository(IdempotencyKeyEntity).update(id, change);
  }

  async delete(m: Tx, id: number): Promise<void> {
    await m.getRepository(IdempotencyKeyEntity).delete(id);
  }

  /** Drops keys expired before `now`; answers how many. */
  async deleteExpired(m: Tx, now: Date): Promise<number> {
    const result = await m.getRepository(IdempotencyKeyEntity).delete({ expiresAt: LessThan(now) });
    return result.affected ?? 0;
  }

  find(partnerId: number, key: string): Promise<IdempotencyKeyEntity | null> {
    return this.dataSource.getRepository(IdempotencyKeyEntity).findOneBy({ partnerId, key });
  }
}
