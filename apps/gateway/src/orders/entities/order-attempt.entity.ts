import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { moneyColumn } from '../../database/transformers.js';

/**
 * One try at placing an order on one upstream. `prepared` is written with the charge, `sending`
 * right before the call: after a crash, a `prepared` attempt was certainly never sent, a
 * `sending` one may have been.
 */
export type AttemptOutcome =
  'prepared' | 'sending' | 'placed' | 'rejected' | 'failed' | 'ambiguous';

@Entity('order_attempts')
@Index(['orderId', 'attemptNo'], { unique: true })
@Index(['outcome'])
export class OrderAttemptEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'order_id', type: 'integer' })
  orderId: number;

  @Column({ name: 'attempt_no', type: 'integer' })
  attemptNo: number;

  @Column({ name: 'provider_id', type: 'integer' })
  providerId: number;

  @Column({ name: 'upstream_service_id', type: 'varchar', length: 100 })
  upstreamServiceId: string;

  /** The offer's cost for this order in the base currency, at placement. */
  @Column(moneyColumn('cost'))
  cost: string;

  /** The offer's rate in the upstream's currency (per 1000, or per package), at placement. */
  @Column(moneyColumn('upstream_rate', true))
  upstreamRate: string | null;

  @Column({ name: 'upstream_currency', type: 'varchar', length: 3, nullable: true })
  upstreamCurrency: string | null;

  /** Base-currency units one unit of the upstream's currency was worth (the ranking's rate). */
  @Column(moneyColumn('fx_rate', true))
  fxRate: string | null;

  /** The order's expected cost in the upstream's currency. */
  @Column(moneyColumn('upstream_cost', true))
  upstreamCost: string | null;

  /** The ranking's next offer after this one, base currency (null: none was eligible). */
  @Column(moneyColumn('next_best_cost', true))
  nextBestCost: string | null;

  /** The ranking's most expensive eligible offer, base currency. */
  @Column(moneyColumn('max_cost', true))
  maxCost: string | null;

  @Column({ type: 'varchar', length: 20 })
  outcome: AttemptOutcome;

  /** Taxonomy reason (e.g. insufficient_funds, timeout). */
  @Column({ type: 'varchar', length: 50, nullable: true })
  reason: string | null;

  /** The upstream's message, as received (never contains our key). */
  @Column({ type: 'text', nullable: true })
  message: string | null;

  @Column({ name: 'upstream_order_id', type: 'varchar', length: 100, nullable: true })
  upstreamOrderId: string | null;

  @CreateDateColumn({ name: 'created_at' })
  createdAt: Date;

  @Column({ name: 'finished_at', type: Date, nullable: true })
  finishedAt: Date | null;
}
