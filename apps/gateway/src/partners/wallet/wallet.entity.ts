import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { moneyColumn } from '../../database/transformers.js';

/**
 * A partner's balance: always the sum of its ledger entries, updated in the transaction that
 * appends each entry, under a row lock on PostgreSQL.
 */
@Entity('wallets')
export class WalletEntity {
  @PrimaryColumn({ name: 'partner_id', type: 'integer' })
  partnerId: number;

  /** The partner's currency; every ledger amount is in it. */
  @Column({ type: 'varchar', length: 3 })
  currency: string;

  @Column(moneyColumn('balance'))
  balance: string;

  /** balance.low is sent when a movement takes the balance from at or above this to below it. */
  @Column(moneyColumn('low_balance_threshold', true))
  lowBalanceThreshold: string | null;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt: Date;
}
