import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { moneyColumn } from '../../database/transformers.js';

export const LEDGER_KINDS = ['credit', 'charge', 'refund', 'adjustment'] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

/** One movement of a partner's money. Append-only: rows are never updated or deleted. */
@Entity('ledger_entries')
export class LedgerEntryEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'partner_id', type: 'integer' })
  partnerId: number;

  @Column({ type: 'varchar', length: 20 })
  kind: LedgerKind;

  /** Signed, in the wallet's currency: credits and refunds positive, charges negative. */
  @Column(moneyColumn('amount'))
  amount: string;

  /** The wallet balance right after this movement. */
  @Column(moneyColumn('balance_after'))
  balanceAfter: string;

  @Column({ type: 'varchar', length: 3 })
  currency: string;

  @Column({ type: 'varchar', length: 500 })
  reason: string;

  /** What the movement is about: `order`, `admin`, ... */
  @Column({ name: 'reference_type', type: 'varchar', length: 50 })
  referenceType: string;

  @Column({ name: 'reference_id', type: 'varchar', length: 100 })
  referenceId: string;

  /** Unique across the ledger (e.g. `order:123:charge`): the same movement is never written twice. */
  @Column({ name: 'movement_key', type: 'varchar', length: 200 })
  key: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  actor: string | null;

  @CreateDateColumn({ name: 'created_at' })
  createdAt: Date;
}
