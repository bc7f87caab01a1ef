import type {
  MarginReportDto,
  PartnerSpendReportDto,
  SavingsReportDto,
  UpstreamSpendReportDto,
} from './dto/report.dto.js';
import type { Table } from './csv.js';

/**
 * Each report as one CSV table: one row per group (per provider), the same figures as the JSON
 * with nested ones flattened. Revenue per partner currency becomes three columns per currency
 * (`charged_EUR`, `refunded_EUR`, `net_EUR`), empty where a group has none. Totals stay JSON-only.
 */

export function marginTable(report: MarginReportDto): Table {
  const currencies = [
    ...new Set(report.groups.flatMap((g) => g.revenue.map((r) => r.currency))),
  ].sort();
  return {
    columns: [
      'key',
      'label',
      'orders',
      'revenueBase',
      'expectedCost',
      'reportedCost',
      'reportedOrders',
      'margin',
      'marginPercent',
      'marginOnReported',
      ...currencies.flatMap((c) => [`charged_${c}`, `refunded_${c}`, `net_${c}`]),
    ],
    rows: report.groups.map((g) => [
      g.key,
      g.label,
      g.orders,
      g.revenueBase,
      g.upstreamCost.expected,
      g.upstreamCost.reported,
      g.upstreamCost.reportedOrders,
      g.margin,
      g.marginPercent,
      g.marginOnReported,
      ...currencies.flatMap((c) => {
        const r = g.revenue.find((x) => x.currency === c);
        return r ? [r.charged, r.refunded, r.net] : [null, null, null];
      }),
    ]),
  };
}

export function savingsTable(report: SavingsReportDto): Table {
  return {
    columns: [
      'key',
      'label',
      'orders',
      'ordersWithAlternative',
      'chosenCost',
      'nextBestCost',
      'mostExpensiveCost',
      'savedVsNextBest',
      'savedVsMostExpensive',
    ],
    rows: report.groups.map((g) => [
      g.key,
      g.label,
      g.orders,
      g.ordersWithAlternative,
      g.chosenCost,
      g.nextBestCost,
      g.mostExpensiveCost,
      g.savedVsNextBest,
      g.savedVsMostExpensive,
    ]),
  };
}

export function upstreamSpendTable(report: UpstreamSpendReportDto): Table {
  return {
    columns: [
      'providerId',
      'providerName',
      'currency',
      'orders',
      'expectedSpend',
      'expectedSpendBase',
      'reportedSpend',
      'reportedSpendBase',
      'reportedOrders',
      'mismatchedOrders',
      'firstObservedAt',
      'lastObservedAt',
      'observedSpend',
      'windowExpectedSpend',
      'drift',
    ],
    rows: report.providers.map((p) => [
      p.providerId,
      p.providerName,
      p.currency,
      p.orders,
      p.expectedSpend,
      p.expectedSpendBase,
      p.reportedSpend,
      p.reportedSpendBase,
      p.reportedOrders,
      p.mismatchedOrders,
      p.balance?.firstObservedAt ?? null,
      p.balance?.lastObservedAt ?? null,
      p.balance?.observedSpend ?? null,
      p.balance?.expectedSpend ?? null,
      p.balance?.drift ?? null,
    ]),
  };
}

export function partnerSpendTable(report: PartnerSpendReportDto): Table {
  return {
    columns: ['key', 'currency', 'orders', 'charged', 'refunded', 'spent'],
    rows: report.groups.map((g) => [g.key, g.currency, g.orders, g.charged, g.refunded, g.spent]),
  };
}
