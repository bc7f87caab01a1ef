import { Injectable, Logger } from '@nestjs/common';
import { Decimal } from 'decimal.js';
import { AppConfig } from '../../config/app-config.js';
import { chunks, SqlDialect } from '../../database/sql-dialect.js';
import { Transactions } from '../../database/transactions.js';
import { Metrics } from '../../observability/metrics.js';
import { expectedNet, isChargeMismatch, type ReportedCharge } from './charge-check.js';

/**
 * What a status answer said of one of our orders: its `charge` (null when the panel gave none:
 * only the expected net cost of an ended order is then recorded).
 */
export interface ChargeObservation extends Omit<ReportedCharge, 'charge'> {
  readonly orderId: number;
  readonly charge: Decimal | null;
}

/** An order newly found charged differently from its upstream's price list. */
export interface ChargeMismatch {
  readonly orderId: number;
  readonly providerId: number;
  readonly expected: string;
  readonly reported: string;
  readonly currency: string;
}

interface Recorded {
  id: number;
  provider_id: number | null;
  quantity: number;
  runs: number | null;
  upstream_cost: string | null;
  upstream_cost_net: string | null;
  upstream_currency: string | null;
  upstream_charge: string | null;
  charge_mismatch: boolean | number;
}

const ROWS_PER_STATEMENT = 500;

/**
 * THE one place where an upstream's reported charge is compared with what its price list said
 * (docs/reports.md). The status sync hands it every `charge` it reads; it stores the charge as
 * reported, the expected cost net of the upstream's own refund, and the `chargeMismatch` flag.
 * Only rows whose figures changed are written (one bulk statement per 500), so a steady poll of
 * unchanged orders costs one read per 500 orders. `flagged` below is the only place an order
 * becomes mismatched: the metric (smmgw_upstream_charge_mismatches_total) is counted there.
 */
@Injectable()
export class UpstreamChargeAudit {
  private readonly logger = new Logger('UpstreamChargeAudit');
  private readonly sql: SqlDialect;

  constructor(
    private readonly transactions: Transactions,
    private readonly config: AppConfig,
    private readonly metrics: Metrics,
  ) {
    this.sql = new SqlDialect(transactions.postgres);
  }

  /** Records the observations; answers the orders that became mismatched with them. */
  async record(observations: readonly ChargeObservation[]): Promise<ChargeMismatch[]> {
    const flagged: ChargeMismatch[] = [];
    const tolerance = this.config.reports.upstreamChargeTolerancePercent;
    for (const part of chunks([...observations], ROWS_PER_STATEMENT)) {
      const recorded = await this.load(part.map((o) => o.orderId));
      const changes: { id: number; charge: string | null; net: string; mismatch: boolean }[] = [];
      for (const o of part) {
        const row = recorded.get(o.orderId);
        // Orders placed before costs were recorded have nothing to compare with.
        if (!row || row.upstream_cost === null || row.upstream_currency === null) continue;
        const expected = {
          cost: row.upstream_cost,
          currency: row.upstream_currency,
          units: row.quantity * (row.runs ?? 1),
        };
        const wasMismatch = row.charge_mismatch === true || row.charge_mismatch === 1;
        const reported = o.charge === null ? null : { ...o, charge: o.charge };
        const net = expectedNet(expected, o).toFixed();
        const mismatch = reported ? isChargeMismatch(expected, reported, tolerance) : wasMismatch;
        const charge = o.charge?.toFixed() ?? row.upstream_charge;
        const same =
          (charge === null
            ? row.upstream_charge === null
            : row.upstream_charge !== null && new Decimal(row.upstream_charge).eq(charge)) &&
          row.upstream_cost_net !== null &&
          new Decimal(row.upstream_cost_net).eq(net) &&
          wasMismatch === mismatch;
        if (same) continue;
        changes.push({ id: o.orderId, charge, net, mismatch });
        if (mismatch && !wasMismatch) {
          flagged.push({
            orderId: o.orderId,
            providerId: row.provider_id ?? 0,
            expected: net === expected.cost ? net : `${expected.cost} (net ${net})`,
            reported: charge ?? '',
            currency: o.currency ?? expected.currency,
          });
        }
      }
      if (changes.length > 0) await this.write(changes);
    }
    for (const m of flagged) {
      this.metrics.chargeMismatches.inc({ provider: String(m.providerId) });
      this.logger.warn(
        {
          orderId: m.orderId,
          providerId: m.providerId,
          expected: m.expected,
          reported: m.reported,
        },
        'Upstream charge differs from its price list',
      );
    }
    return flagged;
  }

  private async load(ids: number[]): Promise<Map<number, Recorded>> {
    const list = ids.map((_, i) => this.sql.param(i + 1)).join(', ');
    const rows: Recorded[] = await this.transactions.statement((m) =>
      m.query(
        `SELECT id, provider_id, quantity, runs, upstream_cost, upstream_cost_net,
          upstream_currency, upstream_charge, charge_mismatch FROM orders WHERE id IN (${list})`,
        ids,
      ),
    );
    return new Map(rows.map((r) => [Number(r.id), r]));
  }

  private async write(
    changes: { id: number; charge: string | null; net: string; mismatch: boolean }[],
  ): Promise<void> {
    const params: unknown[] = [];
    const pg = this.transactions.postgres;
    const add = (value: unknown, cast: string) => {
      params.push(value);
      const placeholder = this.sql.param(params.length);
      return pg ? `CAST(${placeholder} AS ${cast})` : placeholder;
    };
    const rows = changes.map(
      (c) =>
        `(${add(c.id, 'integer')}, ${add(c.charge, 'numeric')}, ${add(c.net, 'numeric')}, ` +
        `${add(c.mismatch ? 1 : 0, 'integer')})`,
    );
    await this.transactions.run((m) =>
      m.query(
        `WITH v(id, charge, net, mismatch) AS (VALUES ${rows.join(', ')})
        UPDATE orders SET upstream_charge = v.charge, upstream_cost_net = v.net,
          charge_mismatch = (v.mismatch = 1)
        FROM v WHERE orders.id = v.id`,
        params,
      ),
    );
  }
}
