import { Column, Entity, PrimaryColumn } from 'typeorm';
import { moneyColumn } from '../database/transformers.js';

/** How many base-currency units one unit of `code` is worth; set by the operator. */
@Entity('currency_rates')
export class CurrencyRateEntity {
  @PrimaryColumn({ type: 'varchar', length: 10 })
  code: string;

  @Column(moneyColumn('rate'))
  rate: string;

  @Column({ name: 'updated_at', type: Date })
  updatedAt: Date;
}
