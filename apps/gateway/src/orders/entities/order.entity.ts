import {
  BeforeInsert,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { countTransformer } from '../../database/count-transformer.js';
import { jsonTransformer, moneyColumn } from '../../database/transformers.js';
import type { OrderStatus } from '../domain/order-status.js';

/** Type-specific order fields as the partner sent them (camelCase, see OrderParams). */
export type OrderParams = Record<string, string | number | undefined>;

@Entity('orders')
@Index(['partnerId', 'id'])
@Index(['status', 'nextPollAt'])
@Index(['partnerId', 'idempotencyKey'], { unique: true })
export class OrderEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'partner_id', type: 'integer' })
  partnerId: number;

  @Column({ name: 'service_id', type: 'integer' })
  serviceId: number;

  @Column({ name: 'service_type', type: 'varchar', length: 50 })
  serviceType: string;

  @Column({ type: 'varchar', length: 30 })
  status: OrderStatus;

  @Column({ type: 'text', nullable: true })
  link: string | null;

  /** Per run for drip-feed; derived from lines for list types; 1 for packages. */
  @Column({ type: 'integer' })
  quantity: number;

  @Column({ type: 'integer', nullable: true })
  runs: number | null;

  @Column({ type: 'integer', nullable: true })
  interval: number | null;

  @Column({ type: 'text', transformer: jsonTransformer })
  params: OrderParams;

  /** What the partner pays, fixed at placement, in the partner's currency. */
  @Column(moneyColumn('charge'))
  charge: string;

  @Column({ type: 'varchar', length: 3 })
  currency: string;

  /** Refunded so far (partial/cancel/failure), in the partner's currency. */
  @Column(moneyColumn('refunded'))
  refunded: string;

  /** Base-currency units one unit of `currency` was worth when the order was priced. */
  @Column(moneyColumn('charge_fx', true))
  chargeFx: string | null;

  /**
   * The current attempt's upstream cost (copied from it, so reports read one table): the
   * offer's rate, currency and conversion rate, the expected cost in the upstream's currency
   * and in the base currency, and the ranking's next-best and most expensive costs (base).
   */
  @Column(moneyColumn('upstream_rate', true))
  upstreamRate: string | null;

  @Column({ name: 'upstream_currency', type: 'varchar', length: 3, nullable: true })
  upstreamCurrency: string | null;

  @Column(moneyColumn('upstream_fx', true))
  upstreamFx: string | null;

  @Column(moneyColumn('upstream_cost', true))
  upstreamCost: string | null;

  /** Expected upstream cost after the upstream's own Partial/Canceled refund (upstream currency). */
  @Column(moneyColumn('upstream_cost_net', true))
  upstreamCostNet: string | null;

  @Column(moneyColumn('cost_base', true))
  costBase: string | null;

  @Column(moneyColumn('next_best_cost_base', true))
  nextBestCostBase: string | null;

  @Column(moneyColumn('max_cost_base', true))
  maxCostBase: string | null;

  /** The `charge` the upstream last reported in a status answer, as reported (its currency). */
  @Column(moneyColumn('upstream_charge', true))
  upstreamCharge: string | null;

  /** The reported charge is off the expected cost by more than UPSTREAM_CHARGE_TOLERANCE_PERCENT. */
  @Column({ name: 'charge_mismatch', type: 'boolean', default: false })
  chargeMismatch: boolean;

  @Column({ name: 'provider_id', type: 'integer', nullable: true })
  providerId: number | null;

  @Column({ name: 'upstream_service_id', type: 'varchar', length: 100, nullable: true })
  upstreamServiceId: string | null;

  @Column({ name: 'upstream_order_id', type: 'varchar', length: 100, nullable: true })
  upstreamOrderId: string | null;

  /** Upstream capabilities of the offer that took the order, fixed at placement. */
  @Column({ name: 'can_refill', type: 'boolean', default: false })
  canRefill: boolean;

  @Column({ name: 'can_cancel', type: 'boolean', default: false })
  canCancel: boolean;

  // BIGINT on PostgreSQL (a panel's counters pass 2^31); read back as a number (< 2^53 by parsing).
  @Column({ name: 'start_count', type: 'bigint', nullable: true, transformer: countTransformer })
  startCount: number | null;

  @Column({ type: 'bigint', nullable: true, transformer: countTransformer })
  remains: number | null;

  @Column({ name: 'upstream_status', type: 'varchar', length: 100, nullable: true })
  upstreamStatus: string | null;

  /** Why the order failed or needs an admin (an upstream message or a gateway reason). */
  @Column({ name: 'status_reason', type: 'text', nullable: true })
  statusReason: string | null;

  @Column({ name: 'status_checked_at', type: Date, nullable: true })
  statusCheckedAt: Date | null;

  @Column({ name: 'next_poll_at', type: Date, nullable: true })
  nextPollAt: Date | null;

  @Column({ name: 'poll_count', type: 'integer', default: 0 })
  pollCount: number;

  /** A poll lease: while in the future, another process must not poll this order. */
  @Column({ name: 'leased_until', type: Date, nullable: true })
  leasedUntil: Date | null;

  @Column({ name: 'stuck_at', type: Date, nullable: true })
  stuckAt: Date | null;

  /** The partner's Idempotency-Key that created it: unique per partner, a last guard against doubles. */
  @Column({ name: 'idempotency_key', type: 'varchar', length: 255, nullable: true })
  idempotencyKey: string | null;

  @CreateDateColumn({ name: 'created_at' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt: Date;

  /**
   * Stamped with millisecond precision. Left to TypeORM, SQLite would store `datetime('now')`
   * (whole seconds, no fraction), which the created-at filters could not compare with the
   * `YYYY-MM-DD HH:MM:SS.SSS` text a Date parameter becomes: `createdFrom` would miss an order
   * created at that very instant and `createdTo` would include it.
   */
  @BeforeInsert()
  protected stampCreatedAt(): void {
    this.createdAt ??= new Date();
  }
}
