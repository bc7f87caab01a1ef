import { Injectable } from '@nestjs/common';
import { DomainError, ValidationFailedError } from '../common/errors/domain-error.js';
import { AppConfig } from '../config/app-config.js';
import type {
  MarginFiguresDto,
  MarginGroupDto,
  MarginReportDto,
  PartnerSpendReportDto,
  ProviderSpendDto,
  RevenueDto,
  SavingsFiguresDto,
  SavingsReportDto,
  UpstreamSpendReportDto,
} from './dto/report.dto.js';
import { dec, Exact, percent, text } from './report-math.js';
import { ReportsRepository, type CostRow, type GroupBy, type Range } from './reports.repository.js';

interface RangeQuery {
  from?: string;
  to?: string;
}

const DAY_MS = 86_400_000;
const NAMED: Partial<Record<GroupBy, 'partners' | 'services' | 'providers'>> = {
  partner: 'partners',
  service: 'services',
  provider: 'providers',
};

/**
 * The money view (docs/reports.md): margin, the value of routing, upstream spend, and a
 * partner's own spend. The database aggregates; this shapes the grouped rows and adds the few
 * derived figures (differences, percentages) with exact decimals.
 */
@Injectable()
export class ReportsService {
  constructor(
    private readonly queries: ReportsRepository,
    private readonly config: AppConfig,
  ) {}

  async margin(query: RangeQuery & { groupBy?: GroupBy }): Promise<MarginReportDto> {
    const range = await this.range(query);
    const groupBy = query.groupBy ?? 'day';
    const groups = await this.grouped(range, groupBy);
    const labels = await this.labels(groupBy, [...groups.keys()]);
    const out: MarginGroupDto[] = [...groups].map(([key, rows]) => ({
      key,
      label: labels.get(key) ?? null,
      ...marginOf(rows),
    }));
    return {
      ...this.header(range),
      groupBy,
      groups: out,
      totals: marginOf([...groups.values()].flat()),
    };
  }

  async savings(query: RangeQuery & { groupBy?: GroupBy }): Promise<SavingsReportDto> {
    const range = await this.range(query);
    const groupBy = query.groupBy ?? 'day';
    const groups = await this.grouped(range, groupBy);
    const labels = await this.labels(groupBy, [...groups.keys()]);
    return {
      ...this.header(range),
      groupBy,
      groups: [...groups].map(([key, rows]) => ({
        key,
        label: labels.get(key) ?? null,
        ...savingsOf(rows),
      })),
      totals: savingsOf([...groups.values()].flat()),
    };
  }

  async upstreamSpend(query: RangeQuery): Promise<UpstreamSpendReportDto> {
    const range = await this.range(query);
    const rows = await this.queries.spend(range);
    const names = await this.queries.names('providers', [
      ...new Set(rows.map((r) => r.provider_id)),
    ]);
    const providers: ProviderSpendDto[] = [];
    for (const r of rows) {
      providers.push({
        providerId: r.provider_id,
        providerName: names.get(r.provider_id) ?? null,
        currency: r.currency,
        orders: r.orders,
        expectedSpend: text(dec(r.expected)),
        expectedSpendBase: text(dec(r.expected_base)),
        reportedSpend: text(dec(r.reported)),
        reportedSpendBase: text(dec(r.reported_base)),
        reportedOrders: r.reported_orders,
        mismatchedOrders: r.mismatched,
        balance: await this.balanceMovement(r.provider_id, r.currency, range),
      });
    }
    return { ...this.header(range), providers };
  }

  async partnerSpend(
    partnerId: number,
    query: RangeQuery & { groupBy?: 'day' | 'service' },
  ): Promise<PartnerSpendReportDto> {
    const range = await this.range(query);
    const groupBy = query.groupBy ?? 'day';
    const rows = await this.queries.partnerSpend(partnerId, range, groupBy);
    return {
      from: range.from?.toISOString() ?? null,
      to: range.to?.toISOString() ?? null,
      groupBy,
      groups: rows.map((r) => ({
        key: r.key,
        currency: r.currency,
        orders: r.orders,
        charged: text(dec(r.charged)),
        refunded: text(dec(r.refunded)),
        spent: text(dec(r.charged).minus(dec(r.refunded))),
      })),
    };
  }

  /**
   * The balance movement between the first and last balance observed in the range, against
   * what the orders created between those two moments were expected to cost.
   */
  private async balanceMovement(providerId: number, currency: string | null, range: Range) {
    const seen = await this.queries.observations(providerId, range);
    if (!seen) return null;
    const first = asDate(seen.first.observed_at);
    const last = asDate(seen.last.observed_at);
    if (first.getTime() >= last.getTime()) return null;
    const window = await this.queries.spend(range, { from: first, to: last });
    const expected = window
      .filter((w) => w.provider_id === providerId && w.currency === currency)
      .reduce((sum, w) => sum.plus(dec(w.expected)), dec(0));
    const observed = dec(seen.first.balance).minus(dec(seen.last.balance));
    return {
      firstObservedAt: first.toISOString(),
      lastObservedAt: last.toISOString(),
      balanceAtFirst: text(dec(seen.first.balance)),
      balanceAtLast: text(dec(seen.last.balance)),
      observedSpend: text(observed),
      expectedSpend: text(expected),
      drift: text(observed.minus(expected)),
    };
  }

  /** Cost rows by group key, in key order (numeric ids numerically). */
  private async grouped(range: Range, groupBy: GroupBy): Promise<Map<string, CostRow[]>> {
    const rows = await this.queries.costs(range, groupBy);
    const groups = new Map<string, CostRow[]>();
    for (const row of rows) {
      const list = groups.get(row.key);
      if (list) list.push(row);
      else groups.set(row.key, [row]);
    }
    const keys = [...groups.keys()].sort((a, b) =>
      groupBy === 'day' ? a.localeCompare(b) : Number(a) - Number(b),
    );
    return new Map(keys.map((k) => [k, groups.get(k)!]));
  }

  private async labels(groupBy: GroupBy, keys: string[]): Promise<Map<string, string>> {
    const table = NAMED[groupBy];
    if (!table) return new Map();
    const names = await this.queries.names(table, keys.map(Number));
    return new Map([...names].map(([id, name]) => [String(id), name]));
  }

  private header(range: Range) {
    return {
      from: range.from?.toISOString() ?? null,
      to: range.to?.toISOString() ?? null,
      baseCurrency: this.config.catalog.baseCurrency,
    };
  }

  /** Validates the range; above the size limit, both ends are required. */
  private async range(query: RangeQuery): Promise<Range> {
    const from = query.from === undefined ? undefined : new Date(query.from);
    const to = query.to === undefined ? undefined : new Date(query.to);
    if (from && to && to.getTime() <= from.getTime()) {
      throw new ValidationFailedError([{ field: 'to', message: 'to must be after from' }]);
    }
    const maxDays = this.config.reports.maxRangeDays;
    if (from && to && to.getTime() - from.getTime() > maxDays * DAY_MS) {
      throw new ValidationFailedError([
        { field: 'to', message: `to must be at most ${maxDays} days after from` },
      ]);
    }
    if (!from || !to) {
      const limit = this.config.reports.rangeRequiredAboveOrders;
      if ((await this.queries.orderCount()) > limit) {
        throw new DomainError(
          'report_range_required',
          `The gateway holds more than ${limit} orders: give both from and to (at most ${maxDays} days apart).`,
          { errors: [{ field: from ? 'to' : 'from', message: 'required above the size limit' }] },
        );
      }
    }
    return { from, to };
  }
}

function marginOf(rows: CostRow[]): MarginFiguresDto {
  const revenue = new Map<string, { charged: Exact; refunded: Exact }>();
  let orders = 0;
  let revenueBase = dec(0);
  let expected = dec(0);
  let reported = dec(0);
  let reportedOrExpected = dec(0);
  let reportedOrders = 0;
  for (const r of rows) {
    orders += r.orders;
    const cur = revenue.get(r.currency) ?? { charged: dec(0), refunded: dec(0) };
    revenue.set(r.currency, {
      charged: cur.charged.plus(dec(r.charged)),
      refunded: cur.refunded.plus(dec(r.refunded)),
    });
    revenueBase = revenueBase.plus(dec(r.revenue_base));
    expected = expected.plus(dec(r.expected_base));
    reported = reported.plus(dec(r.reported_base));
    reportedOrExpected = reportedOrExpected.plus(dec(r.reported_or_expected_base));
    reportedOrders += r.reported_orders;
  }
  const margin = revenueBase.minus(expected);
  const byCurrency: RevenueDto[] = [...revenue]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, v]) => ({
      currency,
      charged: text(v.charged),
      refunded: text(v.refunded),
      net: text(v.charged.minus(v.refunded)),
    }));
  return {
    orders,
    revenue: byCurrency,
    revenueBase: text(revenueBase),
    upstreamCost: { expected: text(expected), reported: text(reported), reportedOrders },
    margin: text(margin),
    marginPercent: percent(margin, revenueBase),
    marginOnReported: text(revenueBase.minus(reportedOrExpected)),
  };
}

function savingsOf(rows: CostRow[]): SavingsFiguresDto {
  let orders = 0;
  let withAlternative = 0;
  let chosen = dec(0);
  let nextBest = dec(0);
  let most = dec(0);
  for (const r of rows) {
    orders += r.orders;
    withAlternative += r.with_alternative;
    chosen = chosen.plus(dec(r.cost_base));
    nextBest = nextBest.plus(dec(r.next_best_base));
    most = most.plus(dec(r.max_base));
  }
  return {
    orders,
    ordersWithAlternative: withAlternative,
    chosenCost: text(chosen),
    nextBestCost: text(nextBest),
    mostExpensiveCost: text(most),
    savedVsNextBest: text(nextBest.minus(chosen)),
    savedVsMostExpensive: text(most.minus(chosen)),
  };
}

/** pg answers timestamptz as a Date; SQLite the text TypeORM writes (UTC, no zone). */
function asDate(value: Date | string): Date {
  return value instanceof Date ? value : new Date(`${value.replace(' ', 'T')}Z`);
}
