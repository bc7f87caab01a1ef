import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Tx } from '../database/transactions.js';
import { CurrencyRateEntity } from './currency-rate.entity.js';

/** All SQL of the currency rates table. Methods taking a `Tx` run in the caller's transaction. */
@Injectable()
export class CurrenciesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  all(): Promise<CurrencyRateEntity[]> {
    return this.dataSource.getRepository(CurrencyRateEntity).find({ order: { code: 'ASC' } });
  }

  find(code: string, m: Tx = this.dataSource.manager): Promise<CurrencyRateEntity | null> {
    return m.getRepository(CurrencyRateEntity).findOneBy({ code });
  }

  /** Creates or replaces the rate (the primary key is the code). */
  save(m: Tx, rate: Pick<CurrencyRateEntity, 'code' | 'rate' | 'updatedAt'>) {
    return m.getRepository(CurrencyRateEntity).save(rate);
  }

  async delete(m: Tx, code: string): Promise<void> {
    await m.getRepository(CurrencyRateEntity).delete({ code });
  }
}
