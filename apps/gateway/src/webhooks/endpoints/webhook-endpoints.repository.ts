import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, LessThan, type Repository } from 'typeorm';
import { SqlDialect } from '../../database/sql-dialect.js';
import { Transactions, type Tx } from '../../database/transactions.js';
import type { Audience } from '../webhook-types.js';
import { WebhookDeliveryEntity } from '../webhook-delivery.entity.js';
import { WebhookEndpointEntity } from '../webhook-endpoint.entity.js';
import { WebhookEventEntity } from '../webhook-event.entity.js';

/** A delivery with its event's type, for the deliveries log. */
export interface DeliveryRow {
  readonly delivery: WebhookDeliveryEntity;
  readonly eventType: string;
}

/** Endpoints of an audience (a partner's, or the operator's) and their deliveries log. */
@Injectable()
export class WebhookEndpointsRepository {
  constructor(
    @InjectRepository(WebhookEndpointEntity)
    private readonly endpoints: Repository<WebhookEndpointEntity>,
    @InjectRepository(WebhookDeliveryEntity)
    private readonly deliveries: Repository<WebhookDeliveryEntity>,
    @InjectRepository(WebhookEventEntity)
    private readonly events: Repository<WebhookEventEntity>,
    private readonly sql: SqlDialect,
    private readonly transactions: Transactions,
  ) {}

  private audienceWhere(audience: Audience) {
    return { partnerId: audience === null ? IsNull() : audience };
  }

  insert(m: Tx, endpoint: Omit<WebhookEndpointEntity, 'id'>): Promise<WebhookEndpointEntity> {
    return m
      .getRepository(WebhookEndpointEntity)
      .save(Object.assign(new WebhookEndpointEntity(), endpoint));
  }

  count(audience: Audience): Promise<number> {
    return this.endpoints.countBy(this.audienceWhere(audience));
  }

  list(audience: Audience): Promise<WebhookEndpointEntity[]> {
    return this.endpoints.find({ where: this.audienceWhere(audience), order: { id: 'ASC' } });
  }

  /** The endpoint when it belongs to the audience (another's is as absent as a missing one). */
  find(audience: Audience, id: number): Promise<WebhookEndpointEntity | null> {
    return this.endpoints.findOneBy({ id, ...this.audienceWhere(audience) });
  }

  lock(m: Tx, audience: Audience, id: number): Promise<WebhookEndpointEntity | null> {
    return m.getRepository(WebhookEndpointEntity).findOne({
      where: { id, ...this.audienceWhere(audience) },
      ...this.sql.lockOptions,
    });
  }

  async update(m: Tx, id: number, change: Partial<WebhookEndpointEntity>): Promise<void> {
    await m.getRepository(WebhookEndpointEntity).update(id, change);
  }

  /** Deletes the endpoint and the deliveries still owed to it (delivered history goes too). */
  async delete(m: Tx, id: number): Promise<void> {
    await m.getRepository(WebhookDeliveryEntity).delete({ endpointId: id });
    await m.getRepository(WebhookEndpointEntity).delete({ id });
  }

  /** The endpoint's deliveries, newest first, after the cursor's id. */
  async deliveriesOf(
    endpointId: number,
    page: { before?: number; take: number },
  ): Promise<DeliveryRow[]> {
    const rows = await this.deliveries.find({
      where: { endpointId, ...(page.before ? { id: LessThan(page.before) } : {}) },
      order: { id: 'DESC' },
      take: page.take,
    });
    const types = await this.eventTypes(rows.map((r) => r.eventId));
    return rows.map((delivery) => ({ delivery, eventType: types.get(delivery.eventId) ?? '' }));
  }

  async delivery(endpointId: number, id: number): Promise<DeliveryRow | null> {
    const delivery = await this.deliveries.findOneBy({ id, endpointId });
    if (!delivery) return null;
    const types = await this.eventTypes([delivery.eventId]);
    return { delivery, eventType: types.get(delivery.eventId) ?? '' };
  }

  private async eventTypes(ids: number[]): Promise<Map<number, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.events
      .createQueryBuilder('e')
      .select(['e.id', 'e.type'])
      .whereInIds([...new Set(ids)])
      .getMany();
    return new Map(rows.map((r) => [r.id, r.type]));
  }

  /** A success: the endpoint is no longer failing. */
  async endFailingStreak(id: number): Promise<void> {
    const p = this.sql.binder();
    await this.transactions.statement((m) =>
      m.query(
        `UPDATE webhook_endpoints SET failing_since = NULL
          WHERE id = ${p.add(id)} AND failing_since IS NOT NULL`,
        p.values,
      ),
    );
  }

  /** A failure: the streak starts now unless it runs already; answers when it started. */
  async startFailingStreak(id: number, now: Date): Promise<Date | null> {
    const p = this.sql.binder();
    await this.transactions.statement((m) =>
      m.query(
        `UPDATE webhook_endpoints SET failing_since = ${p.add(this.sql.timestamp(now))}
          WHERE id = ${p.add(id)} AND failing_since IS NULL`,
        p.values,
      ),
    );
    const endpoint = await this.endpoints.findOneBy({ id });
    return endpoint?.failingSince ?? null;
  }

  /** Disables an enabled endpoint; null when it was disabled (or deleted) already. */
  async disable(
    m: Tx,
    id: number,
    reason: string,
    now: Date,
  ): Promise<WebhookEndpointEntity | null> {
    const endpoint = await m.getRepository(WebhookEndpointEntity).findOne({
      where: { id, enabled: true },
      ...this.sql.lockOptions,
    });
    if (!endpoint) return null;
    await this.update(m, id, { enabled: false, disabledReason: reason, updatedAt: now });
    return endpoint;
  }
}
