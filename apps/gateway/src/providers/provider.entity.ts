import type { SmmTransport } from '#smm-protocol';
import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { moneyColumn } from '../database/transformers.js';

/** An upstream panel the gateway routes to. Never deleted: disabling keeps its history. */
@Entity('providers')
export class ProviderEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 100, unique: true })
  name: string;

  @Column({ name: 'api_url', type: 'varchar', length: 500 })
  apiUrl: string;

  /** AES-256-GCM envelope of the upstream API key (see ProviderKeyCipher); never leaves the server. */
  @Column({ name: 'api_key_ciphertext', type: 'text' })
  apiKeyCiphertext: string;

  /** The key's last 4 characters, the only part any response shows. */
  @Column({ name: 'api_key_last4', type: 'varchar', length: 4 })
  apiKeyLast4: string;

  /** The upstream account's currency code (usually ISO 4217; panels may say USDT). */
  @Column({ type: 'varchar', length: 10 })
  currency: string;

  @Column({ type: 'integer', default: 0 })
  priority: number;

  @Column({ type: 'boolean', default: true })
  enabled: boolean;

  @Column({ name: 'timeout_ms', type: 'integer' })
  timeoutMs: number;

  /** How requests are encoded for this panel: form POST (canonical), query-string GET or JSON. */
  @Column({ type: 'varchar', length: 10, default: 'form' })
  transport: SmmTransport;

  /** The provider honours `idempotency_key` on add (another smm-gateway does). */
  @Column({ name: 'idempotent_add', type: 'boolean', default: false })
  idempotentAdd: boolean;

  /** Last known upstream balance, in the provider's currency. */
  @Column(moneyColumn('balance', true))
  balance: string | null;

  /** provider.balance_low is sent when a refresh finds the balance fallen below this. */
  @Column(moneyColumn('balance_low_threshold', true))
  balanceLowThreshold: string | null;

  @Column({ name: 'balance_checked_at', type: Date, nullable: true })
  balanceCheckedAt: Date | null;

  /** Why the last balance refresh failed; null after a success. */
  @Column({ name: 'balance_error', type: 'varchar', length: 500, nullable: true })
  balanceError: string | null;

  /** Out of rotation until then (outlier ejection or an admin's); null when in. */
  @Column({ name: 'ejected_until', type: Date, nullable: true })
  ejectedUntil: Date | null;

  @Column({ name: 'ejection_reason', type: 'varchar', length: 500, nullable: true })
  ejectionReason: string | null;

  /** When the current ejection began; null when in rotation. */
  @Column({ name: 'ejected_at', type: Date, nullable: true })
  ejectedAt: Date | null;

  /** Ejections in a row (reset after a long healthy spell): the next one lasts base × 2^count. */
  @Column({ name: 'ejection_count', type: 'integer', default: 0 })
  ejectionCount: number;

  /** Ejected by an admin: probes do not bring it back, only a restore does. */
  @Column({ name: 'ejection_manual', type: 'boolean', default: false })
  ejectionManual: boolean;

  /** When the last sync was attempted (successful or not); also the scheduler's claim. */
  @Column({ name: 'last_sync_attempt_at', type: Date, nullable: true })
  lastSyncAttemptAt: Date | null;

  /** When the catalog was last synced successfully. */
  @Column({ name: 'last_synced_at', type: Date, nullable: true })
  lastSyncedAt: Date | null;

  /** How many offers the last successful sync received. */
  @Column({ name: 'last_sync_count', type: 'integer', nullable: true })
  lastSyncCount: number | null;

  /** Why the last sync failed; null after a success. */
  @Column({ name: 'last_sync_error', type: 'varchar', length: 500, nullable: true })
  lastSyncError: string | null;

  @CreateDateColumn({ name: 'created_at' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt: Date;
}
