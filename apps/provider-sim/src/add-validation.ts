import { Money, roundMoney } from './money.js';
import type { SimService } from './types.js';

/** What a valid `add` costs and delivers. */
export interface AcceptedAdd {
  /** Units delivered in total: quantity × runs, number of lines, 1 for a package. */
  units: number;
  charge: Money;
  /** Trimmed link (empty for Subscriptions), for the duplicate-active-order check. */
  link: string;
}

export type AddCheck = AcceptedAdd | { error: string };

type Params = Record<string, unknown>;
type Rule = { field: string; kind: 'text' | 'lines' | 'int'; range?: [number, number] };

/** How the quantity of a type is given: a field, the number of lines of a field, or one package. */
type QuantitySource = 'field' | 'package' | 'subscription' | { lines: string };

interface TypeSpec {
  quantity: QuantitySource;
  fields: Rule[];
  perPackage?: boolean;
  dripfeed?: boolean;
}

const text = (field: string): Rule => ({ field, kind: 'text' });
const lines = (field: string): Rule => ({ field, kind: 'lines' });

/** The reference's `add` table, as data. */
const TYPES: Record<string, TypeSpec> = {
  Default: { quantity: 'field', fields: [], dripfeed: true },
  Package: { quantity: 'package', fields: [], perPackage: true },
  'Custom Comments': { quantity: { lines: 'comments' }, fields: [] },
  'Custom Comments Package': { quantity: { lines: 'comments' }, fields: [], perPackage: true },
  Mentions: { quantity: 'field', fields: [lines('usernames')] },
  'Mentions with Hashtags': { quantity: 'field', fields: [lines('usernames'), lines('hashtags')] },
  'Mentions Custom List': { quantity: { lines: 'usernames' }, fields: [] },
  'Mentions Hashtag': { quantity: 'field', fields: [text('hashtag')] },
  'Mentions User Followers': { quantity: 'field', fields: [text('username')] },
  'Mentions Media Likers': { quantity: 'field', fields: [text('media')] },
  'Comment Likes': { quantity: 'field', fields: [text('username')] },
  'Comment Replies': { quantity: { lines: 'comments' }, fields: [text('username')] },
  Poll: { quantity: 'field', fields: [{ field: 'answer_number', kind: 'int', range: [1, 1000] }] },
  'Invites from Groups': { quantity: 'field', fields: [lines('groups')] },
  SEO: { quantity: 'field', fields: [lines('keywords')] },
  Subscriptions: { quantity: 'subscription', fields: [text('username')] },
  'Web Traffic': {
    quantity: 'field',
    dripfeed: true,
    fields: [
      text('country'),
      { field: 'device', kind: 'int', range: [1, 5] },
      { field: 'type_of_traffic', kind: 'int', range: [1, 3] },
    ],
  },
};

const LINK = /^https?:\/\/[^\s/?#]+[^\s]*$/i;
const INTEGER = /^\d+$/;
const EXPIRY = /^\d{2}\/\d{2}\/\d{4}$/;

/** "answer_number" → "Incorrect answer number". */
const incorrect = (field: string) => ({ error: `Incorrect ${field.replaceAll('_', ' ')}` });

/** A field as text; JSON arrays (a list sent as an array) become newline-separated text. */
function field(params: Params, name: string): string | undefined {
  const value = params[name];
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) return value.map(String).join('\n');
  return typeof value === 'object' ? undefined : String(value).trim();
}

function present(params: Params, name: string): boolean {
  const value = field(params, name);
  return value !== undefined && value !== '';
}

function integer(params: Params, name: string): number | undefined {
  const value = field(params, name);
  return value !== undefined && INTEGER.test(value) ? Number(value) : undefined;
}

function lineCount(params: Params, name: string): number {
  const value = field(params, name) ?? '';
  return value.split(/\r?\n/).filter((line) => line.trim() !== '').length;
}

function checkRule(params: Params, rule: Rule): { error: string } | undefined {
  if (rule.kind === 'int') {
    const value = integer(params, rule.field);
    const [low, high] = rule.range ?? [0, Number.MAX_SAFE_INTEGER];
    return value === undefined || value < low || value > high ? incorrect(rule.field) : undefined;
  }
  const ok =
    rule.kind === 'lines' ? lineCount(params, rule.field) > 0 : present(params, rule.field);
  return ok ? undefined : incorrect(rule.field);
}

function range(service: SimService, perRun: number, total: number): { error: string } | undefined {
  if (perRun < Number(service.min)) return { error: `Quantity less than minimal ${service.min}` };
  if (total > Number(service.max)) return { error: `Quantity more than maximal ${service.max}` };
  return undefined;
}

/** Subscriptions: no link and no quantity; min/max per post within the service's limits. */
function subscription(service: SimService, params: Params): AddCheck {
  const min = integer(params, 'min');
  const max = integer(params, 'max');
  if (min === undefined) return incorrect('min');
  if (max === undefined || max < min) return incorrect('max');
  if (integer(params, 'delay') === undefined) return incorrect('delay');
  for (const optional of ['posts', 'old_posts']) {
    if (present(params, optional) && integer(params, optional) === undefined) {
      return incorrect(optional);
    }
  }
  const expiry = field(params, 'expiry');
  if (expiry && !EXPIRY.test(expiry)) return incorrect('expiry');
  const limits = range(service, min, max);
  if (limits) return limits;
  // Charged up front for the worst case: max per post × posts (one post when unlimited).
  const units = max * Math.max(1, integer(params, 'posts') ?? 1);
  return { units, charge: roundMoney(new Money(service.rate).mul(units).div(1000)), link: '' };
}

/** Validates an `add` for `service` the way a panel does, in a panel's order of checks. */
export function checkAdd(service: SimService, params: Params): AddCheck {
  const spec = TYPES[service.type] ?? TYPES.Default;
  const link = field(params, 'link') ?? '';
  if (spec.quantity !== 'subscription' && !LINK.test(link)) return { error: 'Incorrect link' };
  for (const rule of spec.fields) {
    const failed = checkRule(params, rule);
    if (failed) return failed;
  }
  if (spec.quantity === 'subscription') return subscription(service, params);
  if (service.type === 'Web Traffic') {
    const traffic = integer(params, 'type_of_traffic');
    if (traffic === 1 && !present(params, 'google_keyword')) return incorrect('google_keyword');
    if (traffic === 2 && !LINK.test(field(params, 'referring_url') ?? '')) {
      return incorrect('referring_url');
    }
  }

  let perRun: number;
  if (spec.quantity === 'package') perRun = 1;
  else if (spec.quantity === 'field') {
    const quantity = integer(params, 'quantity');
    if (quantity === undefined) return { error: 'Incorrect request' };
    perRun = quantity;
  } else {
    perRun = lineCount(params, spec.quantity.lines);
    if (perRun === 0) return incorrect(spec.quantity.lines);
  }

  // Drip-feed: runs and interval together, only where the type and the service allow it.
  let runs = 1;
  if (present(params, 'runs') || present(params, 'interval')) {
    if (!spec.dripfeed || !service.dripfeed) {
      return { error: 'Drip-feed is not supported for this service' };
    }
    const given = integer(params, 'runs');
    if (given === undefined || given < 1) return incorrect('runs');
    const interval = integer(params, 'interval');
    if (interval === undefined || interval < 1) return incorrect('interval');
    runs = given;
  }

  if (!spec.perPackage) {
    // Real panels check the per-run quantity against min and the total against max.
    const limits = range(service, perRun, perRun * runs);
    if (limits) return limits;
  }
  const units = perRun * runs;
  const rate = new Money(service.rate);
  const charge = spec.perPackage ? rate : roundMoney(rate.mul(units).div(1000));
  return { units, charge, link };
}
