import { Injectable, Logger } from '@nestjs/common';
import { Decimal } from 'decimal.js';
import { AppConfig } from '../../config/app-config.js';
import { chunks } from '../../database/sql-dialect.js';
import { Metrics } from '../../observability/metrics.js';
import { expectedNet, isChargeMismatch, type ReportedCharge } from './charge-check.js';
import {
  CHARGE_ROWS_PER_STATEMENT,
  OrderChargesRepository,
  type ChargeChange,
  type RecordedCharge,
} from './order-charges.repository.js';

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

/**
 * THE one place where an upstream's reported charge is compared with what its price list said
 * (docs/reports.md). The status sync hands it every `charge` it reads; it stores the charge as
 * reported, the expected cost net of the upstream's own refund, and the `chargeMismatch` flag.
 * Only rows whose figures changed are written (one bulk statement per 500), so a steady poll of
 * unchanged orders costs one read per 500 orders (none in the status sweep, whose lease read them
 * already). `flagged` below is the only place an order
 * becomes mismatched: the metric (smmgw_upstream_charge_mismatches_total) is counted there.
 */
@Injectable()
export class UpstreamChargeAudit {
  private readonly logger = new Logger('UpstreamChargeAudit');

  constructor(
    private readonly charges: OrderChargesRepository,
    private readonly config: AppConfig,
    private readonly metrics: Metrics,
  ) {}

  /**
   * Records the observations; answers the orders that became mismatched with them. `known`: the
   * orders' charge columns when the caller has just read them (the status sweep's lease), read
   * here otherwise.
   */
  async record(
    observations: readonly ChargeObservation[],
    known?: ReadonlyMap<number, RecordedCharge>,
  ): Promise<ChargeMismatch[]> {
    const flagged: ChargeMismatch[] = [];
    const tolerance = this.config.reports.upstreamChargeTolerancePercent;
    for (const part of chunks([...observations], CHARGE_ROWS_PER_STATEMENT)) {
      const recorded =
        known && part.every((o) => known.has(o.orderId))
          ? known
          : await this.charges.recorded(part.map((o) => o.orderId));
      const changes: ChargeChange[] = [];
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
      if (changes.length > 0) await this.charges.write(changes);
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
}
