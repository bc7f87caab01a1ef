import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { jsonTransformer, moneyColumn } from '../database/transformers.js';

/** Where events are sent: a partner's endpoint, or the operator's (partnerId null). */
@Entity('webhook_endpoints')
export class WebhookEndpointEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'partner_id', type: 'integer', nullable: true })
  partnerId: number | null;

  @Column({ type: 'varchar', length: 2048 })
  url: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  description: string | null;

  /** The event types subscribed to; null for every event of the audience. */
  @Column({ type: 'text', nullable: true, transformer: jsonTransformer })
  events: string[] | null;

  /** The signing secret, encrypted (WebhookSecretCipher). */
  @Column({ type: 'varchar', length: 300 })
  secret: string;

  /** After a rotation: the previous secret (encrypted), signing alongside until the time below. */
  @Column({ name: 'previous_secret', type: 'varchar', length: 300, nullable: true })
  previousSecret: string | null;

  @Column({ name: 'previous_secret_until', type: Date, nullable: true })
  previousSecretUntil: Date | null;

  /** offer.price_changed only when a rate moved more than this many percent (default 10). */
  @Column(moneyColumn('price_change_percent', true))
  priceChangePercent: string | null;

  @Column({ type: 'boolean' })
  enabled: boolean;

  /** Since when every attempt to this endpoint failed (null after a success). */
  @Column({ name: 'failing_since', type: Date, nullable: true })
  failingSince: Date | null;

  @Column({ name: 'disabled_reason', type: 'varchar', length: 200, nullable: true })
  disabledReason: string | null;

  @Column({ name: 'created_at', type: Date })
  createdAt: Date;

  @Column({ name: 'updated_at', type: Date })
  updatedAt: Date;
}
