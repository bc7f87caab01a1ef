import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { chunks } from '../database/sql-dialect.js';
import type { Tx } from '../database/transactions.js';
import { ServiceOfferEntity } from './service-offer.entity.js';
import { ServiceEntity } from './service.entity.js';

export type NewService = Omit<ServiceEntity, 'id' | 'createdAt' | 'updatedAt'>;
export type ServiceChanges = Partial<NewService>;

/**
 * All SQL of our services and their mapping onto offers (the mapping joined with offers and
 * providers is read through offers.repository.ts). Methods taking a `Tx` run in it.
 */
@Injectable()
export class ServicesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  all(m: Tx = this.dataSource.manager): Promise<ServiceEntity[]> {
    return m.getRepository(ServiceEntity).find({ order: { id: 'ASC' } });
  }

  active(m: Tx = this.dataSource.manager): Promise<ServiceEntity[]> {
    return m.getRepository(ServiceEntity).find({ where: { active: true }, order: { id: 'ASC' } });
  }

  find(id: number, m: Tx = this.dataSource.manager): Promise<ServiceEntity | null> {
    return m.getRepository(ServiceEntity).findOneBy({ id });
  }

  nameTaken(m: Tx, name: string): Promise<boolean> {
    return m.getRepository(ServiceEntity).existsBy({ name });
  }

  insert(m: Tx, service: NewService): Promise<ServiceEntity> {
    const services = m.getRepository(ServiceEntity);
    return services.save(services.create(service));
  }

  async update(m: Tx, id: number, changes: ServiceChanges): Promise<void> {
    if (Object.keys(changes).length > 0)
      await m.getRepository(ServiceEntity).update({ id }, changes);
  }

  /** Every mapping row (service → offer). */
  mapping(m: Tx): Promise<ServiceOfferEntity[]> {
    return m.getRepository(ServiceOfferEntity).find();
  }

  /** Makes the service's mapping exactly `offerIds` (keeps rows that stay, so ids are stable). */
  async replaceMapping(m: Tx, serviceId: number, offerIds: readonly number[]): Promise<void> {
    const mapping = m.getRepository(ServiceOfferEntity);
    const current = await mapping.findBy({ serviceId });
    const wanted = new Set(offerIds);
    const stale = current.filter((row) => !wanted.has(row.offerId)).map((row) => row.id);
    if (stale.length > 0) await mapping.delete(stale);
    const have = new Set(current.map((row) => row.offerId));
    const fresh = [...wanted].filter((offerId) => !have.has(offerId));
    for (const part of chunks(fresh, 500)) {
      await mapping.insert(part.map((offerId) => ({ serviceId, offerId })));
    }
  }
}
