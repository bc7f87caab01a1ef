import type { Decimal } from 'decimal.js';
import {
  AMOUNT_SCALE,
  BASE_AMOUNT_SCALE,
  BASE_RATE_SCALE,
  RATE_SCALE,
  fromUnits,
  pow10,
  toUnits,
} from './fixed-point.js';
import {
  asSlice,
  AVAILABLE,
  CANCEL,
  DRIPFEED,
  REFILL,
  type Candidates,
  type OfferTable,
} from './offer-table.js';
import { isPackageType } from './route-inputs.js';
import type {
  CurrencyTable,
  ExcludedOffer,
  ExclusionReason,
  RankedOffer,
  RouteDecision,
  RouteOffer,
  RouteProvider,
  RouteRequest,
  RouteTarget,
} from './route-types.js';

/** A package costs its rate: rate units (10^-12) become amount units (10^-15). */
const PACKAGE_FACTOR = pow10(AMOUNT_SCALE - RATE_SCALE);

/**
 * Ranks the offers of one canonical service for one request. Pure: no I/O, no clock, no Nest.
 *
 * Eligible: provider enabled and not ejected; offer available; same type; quantity (× runs)
 * within min/max (not checked for package types); every capability the service promises, and
 * drip-feed when runs are given; a rate for the offer's currency; the last known balance covers
 * the cost; the caller's only/ignore/maxCharge. Ranked by cost in the base currency ascending,
 * ties by priority (higher first), then provider id, then offer id (ascending): deterministic.
 * All money is exact (bigint fixed point, see fixed-point.ts).
 */
export function rankOffers(
  target: RouteTarget,
  candidates: Candidates,
  request: RouteRequest,
  currencies: CurrencyTable,
): RouteDecision {
  const { table, start, end } = asSlice(candidates);
  const runs = request.runs ?? 1;
  const pkg = isPackageType(target.type);
  const units = pkg ? 1 : request.quantity * runs;
  const unitsBig = BigInt(units);
  const typeId = table.typeId(target.type);
  const maxChargeUnits =
    request.maxCharge === undefined ? undefined : toUnits(request.maxCharge, BASE_AMOUNT_SCALE);
  const ranked: Ranked[] = [];
  const excluded: ExcludedOffer[] = [];
  /** Offers excluded only because their provider is ejected: the last resort. */
  const fallback: Ranked[] = [];

  for (let i = start; i < end; i++) {
    let reasons = structuralReasons(target, table, i, typeId, request.at);
    if (!pkg && units < table.min[i]!) {
      reasons = add(
        reasons,
        'quantity_below_min',
        `${units} units is below the minimum ${table.min[i]}`,
      );
    }
    if (!pkg && units > table.max[i]!) {
      reasons = add(
        reasons,
        'quantity_above_max',
        `${units} units is above the maximum ${table.max[i]}`,
      );
    }
    if (request.runs !== undefined && !(table.flags[i]! & DRIPFEED) && !target.dripfeed) {
      reasons = add(reasons, 'missing_dripfeed', 'drip-feed (runs) requested; the offer has none');
    }
    const provider = table.providers[i]!;
    if (request.only !== undefined && !request.only.includes(provider.id)) {
      reasons = add(reasons, 'provider_not_allowed', `provider ${provider.id} is not in "only"`);
    }
    if (request.ignore?.includes(provider.id)) {
      reasons = add(reasons, 'provider_ignored', `provider ${provider.id} is in "ignore"`);
    }
    const rate = table.rateUnits[i]!;
    const costUnits = pkg ? rate * PACKAGE_FACTOR : rate * unitsBig;
    if (provider.balanceUnits === null) {
      reasons = add(reasons, 'balance_unknown', 'the upstream balance was never read');
    } else if (provider.balanceUnits < costUnits) {
      reasons = add(
        reasons,
        'insufficient_balance',
        `cost ${fromUnits(costUnits, AMOUNT_SCALE).toFixed()} ${provider.currency} exceeds the ` +
          `last known balance ${provider.balance?.toFixed() ?? '?'} ${provider.currency}`,
      );
    }
    const fx = currencies.units.get(provider.currency);
    const baseCostUnits = fx === undefined ? undefined : costUnits * fx;
    if (fx === undefined) {
      reasons = add(
        reasons,
        'no_currency_rate',
        `no conversion rate from ${provider.currency} to ${currencies.base}`,
      );
    } else if (maxChargeUnits !== undefined && baseCostUnits! > maxChargeUnits) {
      reasons = add(
        reasons,
        'above_max_charge',
        `cost ${fromUnits(baseCostUnits!, BASE_AMOUNT_SCALE).toFixed()} ${currencies.base} ` +
          `exceeds maxCharge ${request.maxCharge!.toFixed()}`,
      );
    }
    const offer = table.offers[i]!;
    if (reasons === undefined) {
      ranked.push(new Ranked(offer, provider, units, costUnits, baseCostUnits!, rate, fx!));
    } else {
      if (reasons.every((r) => r.code === 'provider_ejected')) {
        fallback.push(new Ranked(offer, provider, units, costUnits, baseCostUnits!, rate, fx!));
      }
      excluded.push({
        offer,
        provider,
        reasons,
        baseCost: baseCostUnits === undefined ? null : fromUnits(baseCostUnits, BASE_AMOUNT_SCALE),
      });
    }
  }
  if (ranked.length === 0 && fallback.length > 0) return lastResort(fallback, excluded);
  ranked.sort(compareRanked);
  return { ranked, excluded };
}

const LAST_RESORT_NOTE =
  'The provider is ejected, but no provider in rotation can serve this request: routed to it as the last resort.';

/**
 * Ejection never takes the last providers able to serve a request out of rotation: when every
 * offer that could serve it is excluded only because its provider is ejected, those offers are
 * ranked anyway (cheapest first), each with a note the explain view shows.
 */
function lastResort(fallback: Ranked[], excluded: ExcludedOffer[]): RouteDecision {
  const chosen = new Set(fallback.map((r) => r.offer));
  for (const r of fallback) r.note = LAST_RESORT_NOTE;
  fallback.sort(compareRanked);
  return { ranked: fallback, excluded: excluded.filter((e) => !chosen.has(e.offer)) };
}

/**
 * Reasons that do not depend on the request: offer `i` of the table can never serve this
 * service as things stand. Also used by the partner catalog summary.
 */
export function structuralReasons(
  target: RouteTarget,
  table: OfferTable,
  i: number,
  typeId: number,
  at: number,
): ExclusionReason[] | undefined {
  let reasons: ExclusionReason[] | undefined;
  const provider = table.providers[i]!;
  const flags = table.flags[i]!;
  if (!provider.enabled) reasons = add(reasons, 'provider_disabled', 'the provider is disabled');
  if (provider.ejectedUntil !== null) {
    // Ejected until a probe brings it back: past `until` it waits for a successful probe.
    reasons = add(
      reasons,
      'provider_ejected',
      provider.ejectedUntil > at
        ? `the provider is ejected until ${new Date(provider.ejectedUntil).toISOString()}`
        : 'the provider is ejected until a health probe succeeds',
    );
  }
  if (!(flags & AVAILABLE)) {
    reasons = add(reasons, 'offer_unavailable', 'the offer left the upstream catalog');
  }
  if (table.typeIds[i] !== typeId) {
    const type = table.offers[i]!.type;
    reasons = add(reasons, 'type_mismatch', `offer type "${type}" ≠ "${target.type}"`);
  }
  if (target.refill && !(flags & REFILL)) {
    reasons = add(reasons, 'missing_refill', 'the service promises refill; the offer has none');
  }
  if (target.cancel && !(flags & CANCEL)) {
    reasons = add(reasons, 'missing_cancel', 'the service promises cancel; the offer has none');
  }
  if (target.dripfeed && !(flags & DRIPFEED)) {
    reasons = add(
      reasons,
      'missing_dripfeed',
      'the service promises drip-feed; the offer has none',
    );
  }
  return reasons;
}

function add(
  reasons: ExclusionReason[] | undefined,
  code: ExclusionReason['code'],
  message: string,
): ExclusionReason[] {
  const list = reasons ?? [];
  list.push({ code, message });
  return list;
}

function compareRanked(a: Ranked, b: Ranked): number {
  if (a.baseCostUnits !== b.baseCostUnits) return a.baseCostUnits < b.baseCostUnits ? -1 : 1;
  const pa = a.provider;
  const pb = b.provider;
  return pb.priority - pa.priority || pa.id - pb.id || a.offer.offerId - b.offer.offerId;
}

/** A ranked offer; the Decimal views of its costs are computed on first use (they cost ~1 µs). */
class Ranked implements RankedOffer {
  note?: string;
  private costMemo: Decimal | undefined;
  private baseCostMemo: Decimal | undefined;

  constructor(
    readonly offer: RouteOffer,
    readonly provider: RouteProvider,
    readonly units: number,
    readonly costUnits: bigint,
    readonly baseCostUnits: bigint,
    /** The offer's rate, 10^-12 units (RATE_SCALE). */
    private readonly rateUnits: bigint,
    /** The provider currency's rate to the base currency, 10^-12 units (RATE_SCALE). */
    private readonly fxUnits: bigint,
  ) {}

  get cost(): Decimal {
    return (this.costMemo ??= fromUnits(this.costUnits, AMOUNT_SCALE));
  }

  get baseCost(): Decimal {
    return (this.baseCostMemo ??= fromUnits(this.baseCostUnits, BASE_AMOUNT_SCALE));
  }

  get baseRate(): Decimal {
    return fromUnits(this.rateUnits * this.fxUnits, BASE_RATE_SCALE);
  }

  get fx(): Decimal {
    return fromUnits(this.fxUnits, RATE_SCALE);
  }
}
