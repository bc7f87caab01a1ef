import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { hydrate } from '../database/raw-rows.js';
import { Chunked, SqlDialect } from '../database/sql-dialect.js';
import { Transactions, type Tx } from '../database/transactions.js';
import { WebhookDeliveryEntity } from './webhook-delivery.entity.js';
import { WebhookEndpointEntity } from './webhook-endpoint.entity.js';
import { WebhookEventEntity } from './webhook-event.entity.js';

/** An enabled endpoint, as producers need it to decide who gets an event. */
export interface Subscriber {
  readonly id: number;
  readonly partnerId: number | null;
  readonly events: string[] | null;
  readonly priceChangePercent: string | null;
}

export interface NewEvent {
  readonly partnerId: number | null;
  readonly type: string;
  readonly data: Record<string, unknown>;
}

/** A delivery leased to this process, with its event and endpoint. */
export interface ClaimedDelivery {
  readonly delivery: WebhookDeliveryEntity;
  readonly event: WebhookEventEntity;
  readonly endpoint: WebhookEndpointEntity;
}

/** How one attempt went. */
export interface AttemptResult {
  readonly statusCode: number | null;
  readonly durationMs: number;
  readonly error: string | null;
}

/** Rows per multi-row INSERT (at most 5 bound values each). */
const ROWS_PER_INSERT = 400;

/**
 * The outbox's SQL: events and their deliveries written in the producer's transaction; due
 * deliveries leased by the delivery job (FOR UPDATE SKIP LOCKED on PostgreSQL; SQLite's single
 * writer makes the claiming UPDATE atomic), and each attempt's result written under its lease.
 */
@Injectable()
export class WebhookOutboxRepository {
  constructor(
    private readonly sql: SqlDialect,
    private readonly transactions: Transactions,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async subscribers(m: Tx): Promise<Subscriber[]> {
    const rows: Record<string, unknown>[] = await m.query(
      `SELECT id, partner_id, events, price_change_percent FROM webhook_endpoints
        WHERE enabled = ${this.sql.param(1)}`,
      [this.sql.bool(true)],
    );
    return rows.map((r) => ({
      id: Number(r.id),
      partnerId: r.partner_id === null ? null : Number(r.partner_id),
      events: typeof r.events === 'string' ? (JSON.parse(r.events) as string[]) : null,
      priceChangePercent: r.price_change_percent === null ? null : String(r.price_change_percent),
    }));
  }

  /**
   * Inserts the events; answers each new row's id, audience and type. Which endpoints get an event
   * depends on its audience and type only, so the rows need no matching to their input order
   * (which RETURNING does not promise).
   */
  @Chunked(ROWS_PER_INSERT)
  async insertEvents(
    events: NewEvent[],
    m: Tx,
    at: Date,
  ): Promise<{ id: number; partnerId: number | null; type: string }[]> {
    const p = this.sql.binder();
    const rows = events.map(
      (e) =>
        `(${p.add(e.partnerId, 'integer')}, ${p.add(e.type, 'varchar')}, ` +
        `${p.add(JSON.stringify(e.data), 'text')}, ${p.add(this.sql.timestamp(at), 'timestamptz')})`,
    );
    const result: unknown = await m.query(
      `INSERT INTO webhook_events (partner_id, type, data, created_at) VALUES ${rows.join(', ')}
        RETURNING id, partner_id, type`,
      p.values,
    );
    return (result as Record<string, unknown>[]).map((r) => ({
      id: Number(r.id),
      partnerId: r.partner_id === null ? null : Number(r.partner_id),
      type: String(r.type),
    }));
  }

  /** One pending delivery per (endpoint, event), due at once. */
  @Chunked(ROWS_PER_INSERT)
  async insertDeliveries(
    pairs: { endpointId: number; eventId: number }[],
    m: Tx,
    at: Date,
  ): Promise<void> {
    const p = this.sql.binder();
    const ts = this.sql.timestamp(at);
    const rows = pairs.map(
      (d) =>
        `(${p.add(d.endpointId, 'integer')}, ${p.add(d.eventId, 'integer')}, 'pending', 0, ` +
        `${p.add(ts, 'timestamptz')}, ${p.add(ts, 'timestamptz')}, ${p.add(ts, 'timestamptz')})`,
    );
    await m.query(
      `INSERT INTO webhook_deliveries
        (endpoint_id, event_id, status, attempts, next_attempt_at, created_at, updated_at)
        VALUES ${rows.join(', ')}`,
      p.values,
    );
  }

  /**
   * Leases up to `limit` due deliveries of enabled endpoints until `lease` (the lease's end is
   * its token: results are written only while a row still holds it, so an attempt is sent by one
   * process only; a process that dies mid-attempt leaves it to be sent again after the lease).
   */
  async claim(now: Date, lease: Date, limit: number): Promise<ClaimedDelivery[]> {
    const p = this.sql.binder();
    const ts = (d: Date) => p.add(this.sql.timestamp(d));
    const query = `UPDATE webhook_deliveries SET lease_until = ${ts(lease)}
      WHERE id IN (SELECT d.id FROM webhook_deliveries d
        JOIN webhook_endpoints e ON e.id = d.endpoint_id AND e.enabled = ${p.add(this.sql.bool(true))}
        WHERE d.status = 'pending' AND d.next_attempt_at <= ${ts(now)}
          AND (d.lease_until IS NULL OR d.lease_until < ${ts(now)})
        ORDER BY d.next_attempt_at, d.id LIMIT ${p.add(limit)}${this.sql.postgres ? ' FOR UPDATE OF d SKIP LOCKED' : ''})
      RETURNING *`;
    const m = this.dataSource.manager;
    // A read first: an idle poll takes no write lock (SQLite has one writer for all processes).
    if (!(await this.anyDue(now))) return [];
    const rows = await this.transactions.statement(async (tx) =>
      this.sql.returned(await tx.query(query, p.values)),
    );
    if (rows.length === 0) return [];
    const deliveries = rows.map((r) => hydrate(m, WebhookDeliveryEntity, r));
    const [events, endpoints] = await Promise.all([
      this.byIds(
        WebhookEventEntity,
        'webhook_events',
        deliveries.map((d) => d.eventId),
      ),
      this.byIds(
        WebhookEndpointEntity,
        'webhook_endpoints',
        deliveries.map((d) => d.endpointId),
      ),
    ]);
    return deliveries.flatMap((delivery) => {
      const event = events.get(delivery.eventId);
      const endpoint = endpoints.get(delivery.endpointId);
      return event && endpoint ? [{ delivery, event, endpoint }] : [];
    });
  }

  private async anyDue(now: Date): Promise<boolean> {
    const ts = this.sql.timestamp(now);
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM webhook_deliveries d
        JOIN webhook_endpoints e ON e.id = d.endpoint_id AND e.enabled = ${this.sql.param(1)}
        WHERE d.status = 'pending' AND d.next_attempt_at <= ${this.sql.param(2)}
          AND (d.lease_until IS NULL OR d.lease_until < ${this.sql.param(3)}) LIMIT 1`,
      [this.sql.bool(true), ts, ts],
    );
    return rows.length > 0;
  }

  private async byIds<T extends { id: number }>(
    target: new () => T,
    table: string,
    ids: number[],
  ): Promise<Map<number, T>> {
    const unique = [...new Set(ids)];
    const m = this.dataSource.manager;
    const rows: Record<string, unknown>[] = await this.transactions.statement((tx) =>
      tx.query(
        `SELECT * FROM ${table} WHERE id IN (${unique.map((_, i) => this.sql.param(i + 1)).join(', ')})`,
        unique,
      ),
    );
    return new Map(rows.map((r) => hydrate(m, target, r)).map((e) => [e.id, e]));
  }

  /**
   * Writes an attempt's result while the lease holds: delivered, due again at `nextAttemptAt`,
   * or failed for good (`nextAttemptAt` null and not delivered). False when the lease was lost.
   */
  async recordAttempt(
    delivery: WebhookDeliveryEntity,
    result: AttemptResult,
    outcome: { delivered: boolean; nextAttemptAt: Date | null },
    now: Date,
  ): Promise<boolean> {
    const p = this.sql.binder();
    const ts = (d: Date | null) => p.add(d ? this.sql.timestamp(d) : null, 'timestamptz');
    const status = outcome.delivered ? 'delivered' : outcome.nextAttemptAt ? 'pending' : 'failed';
    const query = `UPDATE webhook_deliveries SET status = ${p.add(status)},
        attempts = attempts + 1, last_status_code = ${p.add(result.statusCode, 'integer')},
        last_duration_ms = ${p.add(result.durationMs, 'integer')},
        last_error = ${p.add(result.error?.slice(0, 300) ?? null, 'varchar')},
        next_attempt_at = ${ts(outcome.nextAttemptAt)}, lease_until = NULL,
        delivered_at = ${ts(outcome.delivered ? now : null)}, updated_at = ${ts(now)}
      WHERE id = ${p.add(delivery.id)} AND lease_until = ${ts(delivery.leaseUntil)}
      RETURNING id`;
    const rows = await this.transactions.statement(async (m) =>
      this.sql.returned(await m.query(query, p.values)),
    );
    return rows.length > 0;
  }

  /** Due again now (a redelivery asked for by the endpoint's owner); attempts keep counting. */
  async redeliver(m: Tx, deliveryId: number, now: Date): Promise<void> {
    const p = this.sql.binder();
    const ts = p.add(this.sql.timestamp(now));
    await m.query(
      `UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = ${ts},
        updated_at = ${p.add(this.sql.timestamp(now))} WHERE id = ${p.add(deliveryId)}`,
      p.values,
    );
  }
}
