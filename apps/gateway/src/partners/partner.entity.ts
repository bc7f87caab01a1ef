import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { moneyColumn } from '../database/transformers.js';

export const PARTNER_STATUSES = ['active', 'suspended'] as const;
export type PartnerStatus = (typeof PARTNER_STATUSES)[number];

/** A customer or internal application: its tokens, its wallet and its price list hang off it. */
@Entity('partners')
export class PartnerEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  /** ISO 4217 code of the wallet and of every price shown to the partner. */
  @Column({ type: 'varchar', length: 3 })
  currency: string;

  /** Percent added to the routed cost: "12.5" means cost × 1.125. */
  @Column(moneyColumn('markup_percent'))
  markupPercent: string;

  /** Overrides config.limits.requestsPerMinute for this partner's tokens when set. */
  @Column({ name: 'requests_per_minute', type: 'integer', nullable: true })
  requestsPerMinute: number | null;

  @Column({ type: 'varchar', length: 20 })
  status: PartnerStatus;

  @Column({ name: 'suspended_at', type: Date, nullable: true })
  suspendedAt: Date | null;

  @CreateDateColumn({ name: 'created_at' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt: Date;
}
