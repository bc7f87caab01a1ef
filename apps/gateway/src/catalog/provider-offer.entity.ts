import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { moneyColumn } from '../database/transformers.js';
import { countTransformer } from '../database/count-transformer.js';

/**
 * One service of an upstream's catalog, as last synced. Kept when it disappears (available =
 * false, removedAt set); an available offer was last seen at its provider's lastSyncedAt.
 */
@Entity('provider_offers')
@Index(['providerId', 'upstreamServiceId'], { unique: true })
export class ProviderOfferEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'provider_id', type: 'integer' })
  providerId: number;

  /** The upstream's own service id, as text. */
  @Column({ name: 'upstream_service_id', type: 'varchar', length: 64 })
  upstreamServiceId: string;

  @Column({ type: 'varchar', length: 500 })
  name: string;

  /** The protocol's service type (the raw text when the panel names an unknown one). */
  @Column({ type: 'varchar', length: 100 })
  type: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  category: string | null;

  /** Per 1000 units (per package for package types), in the provider's currency. */
  @Column(moneyColumn('rate'))
  rate: string;

  @Column({ type: 'bigint', transformer: countTransformer })
  min: number;

  @Column({ type: 'bigint', transformer: countTransformer })
  max: number;

  @Column({ type: 'boolean' })
  refill: boolean;

  @Column({ type: 'boolean' })
  cancel: boolean;

  @Column({ type: 'boolean' })
  dripfeed: boolean;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'boolean' })
  available: boolean;

  @Column({ name: 'first_seen_at', type: Date })
  firstSeenAt: Date;

  /** When it disappeared from the upstream catalog; null while available. */
  @Column({ name: 'removed_at', type: Date, nullable: true })
  removedAt: Date | null;

  @Column({ name: 'updated_at', type: Date })
  updatedAt: Date;
}
