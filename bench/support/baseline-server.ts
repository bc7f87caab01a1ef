import formbody from '@fastify/formbody';
import Database from 'better-sqlite3';
import { Decimal } from 'decimal.js';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';

/**
 * Hand-written baselines for bench/reads.bench.ts: what the three reads cost without the gateway's
 * framework, on the same SQLite file. Bare Fastify, a Map of tokens, one prepared statement per
 * read, the row mapped by hand to the gateway's JSON shape. Happy paths only (no scopes, limits,
 * problem documents or metrics): a floor to measure the gateway against, not a second gateway.
 */
export interface BaselineOptions {
  /** The gateway's SQLite file (read while the gateway has it open, WAL). */
  readonly sqlitePath: string;
  /** Issued token (bearer, or API v2 `key`) → its partner id. */
  readonly tokens: ReadonlyMap<string, number>;
  /** GET /v1/services: the gateway's answer, served byte for byte. */
  readonly services: { readonly body: string; readonly contentType: string };
}

export interface BaselineServer {
  /** http://127.0.0.1:PORT */
  readonly url: string;
  close(): Promise<void>;
}

interface OrderRow {
  id: number;
  status: string;
  service_id: number;
  link: string | null;
  quantity: number;
  runs: number | null;
  interval: number | null;
  charge: string;
  refunded: string;
  currency: string;
  start_count: number | null;
  remains: number | null;
  params: string;
  created_at: string;
  updated_at: string;
}

/** Internal statuses partners see as pending (as `partnerStatus` maps them). */
const SHOWN_AS_PENDING = new Set(['placing', 'needs_reconciliation']);
const PANEL_STATUS: Record<string, string> = {
  pending: 'Pending',
  in_progress: 'In progress',
  completed: 'Completed',
  partial: 'Partial',
  canceled: 'Canceled',
  failed: 'Canceled',
};
const COLUMNS = `id, status, service_id, link, quantity, runs, interval, charge, refunded, currency,
  start_count, remains, params, created_at, updated_at`;
const JSON_UTF8 = 'application/json; charset=utf-8';

export async function startBaselineServer(options: BaselineOptions): Promise<BaselineServer> {
  const db = new Database(options.sqlitePath, { fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  const one = db.prepare<[number, number], OrderRow>(
    `SELECT ${COLUMNS} FROM orders WHERE id = ? AND partner_id = ?`,
  );
  const byCount = new Map<number, Database.Statement<number[], OrderRow>>();
  const many = (count: number) => {
    let statement = byCount.get(count);
    if (!statement) {
      const list = Array.from({ length: count }, () => '?').join(', ');
      statement = db.prepare<number[], OrderRow>(
        `SELECT ${COLUMNS} FROM orders WHERE partner_id = ? AND id IN (${list})`,
      );
      byCount.set(count, statement);
    }
    return statement;
  };

  const app = Fastify({ logger: false });
  await app.register(formbody);
  const bearer = (request: FastifyRequest) => {
    const header = request.headers.authorization;
    return header?.startsWith('Bearer ') ? options.tokens.get(header.slice(7)) : undefined;
  };
  const refuse = (reply: FastifyReply, status: number, detail: string) =>
    reply.code(status).send({ status, detail });

  // R1: one order of the caller's.
  app.get<{ Params: { id: string } }>('/v1/orders/:id', (request, reply) => {
    const partnerId = bearer(request);
    if (partnerId === undefined) return refuse(reply, 401, 'unknown token');
    const id = Number(request.params.id);
    const row = Number.isSafeInteger(id) ? one.get(id, partnerId) : undefined;
    if (!row) return refuse(reply, 404, 'no such order');
    return reply.send(orderView(row));
  });

  // R2: the price list, the gateway's bytes as they are.
  app.get('/v1/services', (_request, reply) =>
    reply.header('content-type', options.services.contentType).send(options.services.body),
  );

  // R3: API v2 `status` of up to 100 orders, keyed in the order asked.
  app.post<{ Body: Record<string, string | undefined> }>('/api/v2', (request, reply) => {
    reply.header('content-type', JSON_UTF8);
    const fields = request.body ?? {};
    const partnerId = options.tokens.get(fields.key ?? '');
    if (partnerId === undefined) return reply.send('{"error":"Invalid API key"}');
    if (fields.action !== 'status' || !fields.orders) {
      return reply.send('{"error":"Incorrect request"}');
    }
    const asked = fields.orders.split(',').slice(0, 100);
    const ids = [...new Set(asked.map(Number).filter((n) => Number.isSafeInteger(n) && n > 0))];
    const rows = ids.length > 0 ? many(ids.length).all(partnerId, ...ids) : [];
    const found = new Map(rows.map((row) => [row.id, row]));
    const members = asked.map((raw) => {
      const row = found.get(Number(raw));
      const answer = row ? wireStatus(row) : { error: 'Incorrect order ID' };
      return `${JSON.stringify(raw)}:${JSON.stringify(answer)}`;
    });
    return reply.send(`{${members.join(',')}}`);
  });

  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: async () => {
      await app.close();
      db.close();
    },
  };
}

/** The gateway's `toOrderDto` shape, key for key. */
function orderView(row: OrderRow) {
  return {
    id: row.id,
    status: SHOWN_AS_PENDING.has(row.status) ? 'pending' : row.status,
    serviceId: row.service_id,
    link: row.link,
    quantity: row.quantity,
    runs: row.runs,
    interval: row.interval,
    charge: row.charge,
    refunded: row.refunded,
    currency: row.currency,
    startCount: row.start_count,
    remains: row.remains,
    params: JSON.parse(row.params) as unknown,
    createdAt: isoDate(row.created_at),
    updatedAt: isoDate(row.updated_at),
  };
}

/** The API v2 `status` entry: charge net of refunds (≥ 5 decimals, exact), counts as strings. */
function wireStatus(row: OrderRow) {
  const units = row.quantity * (row.runs ?? 1);
  const net = new Decimal(row.charge).minus(row.refunded);
  return {
    charge: net.decimalPlaces() > 5 ? net.toFixed() : net.toFixed(5),
    start_count: String(row.start_count ?? 0),
    status: PANEL_STATUS[row.status] ?? 'Pending',
    remains: String(row.status === 'failed' ? units : (row.remains ?? units)),
    currency: row.currency,
  };
}

/** SQLite's `YYYY-MM-DD HH:MM:SS[.SSS]` (UTC) as an ISO instant. */
function isoDate(text: string): string {
  const iso = text.replace(' ', 'T');
  return new Date(/(Z|[+-]\d\d:?\d\d)$/.test(iso) ? iso : `${iso}Z`).toISOString();
}
