import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, LessThanOrEqual, type DataSource } from 'typeorm';
import type { Tx } from '../../database/transactions.js';
import { RefillEntity, type RefillStatus } from '../entities/refill.entity.js';

/** The columns a refill request writes (the rest are generated). */
export type NewRefill = Omit<RefillEntity, 'id' | 'createdAt' | 'updatedAt'>;

/** All SQL of the refill aggregate. Methods taking a `Tx` run in the caller's transaction. */
@Injectable()
export class RefillsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  insert(m: Tx, refill: NewRefill): Promise<RefillEntity> {
    const refills = m.getRepository(RefillEntity);
    return refills.save(refills.create(refill));
  }

  findOfPartner(partnerId: number, id: number): Promise<RefillEntity | null> {
    return this.dataSource.getRepository(RefillEntity).findOneBy({ id, partnerId });
  }

  /** Refills in one of `statuses` due for a poll at `now`, the longest waiting first. */
  due(statuses: RefillStatus[], now: Date, take: number): Promise<RefillEntity[]> {
    return this.dataSource.getRepository(RefillEntity).find({
      where: { status: In(statuses), nextPollAt: LessThanOrEqual(now) },
      order: { nextPollAt: 'ASC' },
      take,
    });
  }

  async update(m: Tx, id: number, change: Partial<NewRefill>): Promise<void> {
    await m.getRepository(RefillEntity).update(id, change);
  }
}
