import type { RouteCandidate } from '../ports/order-routing.port.js';

/** An attempt's record of what its offer costs (docs/reports.md), as stored strings. */
export interface AttemptCost {
  readonly upstreamRate: string;
  readonly upstreamCurrency: string;
  readonly fxRate: string;
  readonly upstreamCost: string;
  readonly nextBestCost: string | null;
  readonly maxCost: string;
}

/** The same, copied onto the order for the attempt it currently rides on. */
export interface OrderCost {
  readonly upstreamRate: string;
  readonly upstreamCurrency: string;
  readonly upstreamFx: string;
  readonly upstreamCost: string;
  readonly upstreamCostNet: string;
  readonly costBase: string;
  readonly nextBestCostBase: string | null;
  readonly maxCostBase: string;
}

export function attemptCost(c: RouteCandidate): AttemptCost {
  return {
    upstreamRate: c.upstream.rate.toFixed(),
    upstreamCurrency: c.upstream.currency,
    fxRate: c.upstream.fx.toFixed(),
    upstreamCost: c.upstream.cost.toFixed(),
    nextBestCost: c.upstream.nextBestCost?.toFixed() ?? null,
    maxCost: c.upstream.maxCost.toFixed(),
  };
}

export function orderCost(c: RouteCandidate): OrderCost {
  const cost = c.upstream.cost.toFixed();
  return {
    upstreamRate: c.upstream.rate.toFixed(),
    upstreamCurrency: c.upstream.currency,
    upstreamFx: c.upstream.fx.toFixed(),
    upstreamCost: cost,
    // Until the upstream ends it Partial/Canceled, the whole cost is expected.
    upstreamCostNet: cost,
    costBase: c.cost.toFixed(),
    nextBestCostBase: c.upstream.nextBestCost?.toFixed() ?? null,
    maxCostBase: c.upstream.maxCost.toFixed(),
  };
}

/** Column names of the order's cost fields, for the placement's plain SQL. */
export const ORDER_COST_COLUMNS: Record<keyof OrderCost, string> = {
  upstreamRate: 'upstream_rate',
  upstreamCurrency: 'upstream_currency',
  upstreamFx: 'upstream_fx',
  upstreamCost: 'upstream_cost',
  upstreamCostNet: 'upstream_cost_net',
  costBase: 'cost_base',
  nextBestCostBase: 'next_best_cost_base',
  maxCostBase: 'max_cost_base',
};

export const ATTEMPT_COST_COLUMNS: Record<keyof AttemptCost, string> = {
  upstreamRate: 'upstream_rate',
  upstreamCurrency: 'upstream_currency',
  fxRate: 'fx_rate',
  upstreamCost: 'upstream_cost',
  nextBestCost: 'next_best_cost',
  maxCost: 'max_cost',
};

/** `{ column: value }` for a cost record. */
export function costRow<T extends object>(
  cost: T,
  columns: Record<keyof T, string>,
): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const key of Object.keys(columns) as (keyof T)[]) row[columns[key]] = cost[key];
  return row;
}
