import {
  REFILL_STATUSES as UPSTREAM_REFILL_STATUSES,
  type RefillStatus as UpstreamRefillStatus,
} from '#smm-protocol';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

/** A refill's status: the protocol's, except `unknown` (an unknown answer keeps the current one). */
export type RefillStatus = Exclude<UpstreamRefillStatus, 'unknown'>;
export const REFILL_STATUSES: readonly RefillStatus[] = UPSTREAM_REFILL_STATUSES.filter(
  (s): s is RefillStatus => s !== 'unknown',
);

@Entity('refills')
@Index(['partnerId', 'id'])
@Index(['status', 'nextPollAt'])
export class RefillEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'order_id', type: 'integer' })
  orderId: number;

  @Column({ name: 'partner_id', type: 'integer' })
  partnerId: number;

  @Column({ name: 'provider_id', type: 'integer' })
  providerId: number;

  @Column({ name: 'upstream_refill_id', type: 'varchar', length: 100 })
  upstreamRefillId: string;

  @Column({ type: 'varchar', length: 20 })
  status: RefillStatus;

  @Column({ name: 'upstream_status', type: 'varchar', length: 100, nullable: true })
  upstreamStatus: string | null;

  @Column({ name: 'next_poll_at', type: Date, nullable: true })
  nextPollAt: Date | null;

  @Column({ name: 'poll_count', type: 'integer', default: 0 })
  pollCount: number;

  @CreateDateColumn({ name: 'created_at' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt: Date;
}
