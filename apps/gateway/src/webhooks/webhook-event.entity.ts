import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { jsonTransformer } from '../database/transformers.js';

/** An event in the outbox: written in the transaction of the change it reports. */
@Entity('webhook_events')
export class WebhookEventEntity {
  /** Also the event's `version` and its Standard Webhooks id (`msg_<id>`). */
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'partner_id', type: 'integer', nullable: true })
  partnerId: number | null;

  @Column({ type: 'varchar', length: 64 })
  type: string;

  @Column({ type: 'text', transformer: jsonTransformer })
  data: Record<string, unknown>;

  @Column({ name: 'created_at', type: Date })
  createdAt: Date;
}
