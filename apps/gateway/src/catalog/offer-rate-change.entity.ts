import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { moneyColumn } from '../database/transformers.js';

/** A rate an upstream offer had before a sync saw a new one. Append-only. */
@Entity('provider_offer_rate_changes')
export class OfferRateChangeEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'offer_id', type: 'integer' })
  offerId: number;

  @Column(moneyColumn('old_rate'))
  oldRate: string;

  @Column(moneyColumn('new_rate'))
  newRate: string;

  @Column({ name: 'changed_at', type: Date })
  changedAt: Date;
}
