import { SmmRequestError } from './errors.js';
import { LIST_FIELDS, type AddOrderField, type ListField } from './service-types.js';

/** A list field: one item per line, given as text (`\n` or `\r\n`) or as an array of lines. */
export type LineList = string | readonly string[];

/** An `add` request in the library's spelling; which fields apply depends on the service type. */
export interface AddOrderRequest {
  /** The upstream's service id. */
  readonly service: string | number;
  /**
   * Sent as `idempotency_key`, for upstreams that honour one (another smm-gateway): the same key
   * with the same fields answers the order already placed instead of placing another.
   */
  readonly idempotencyKey?: string;
  readonly link?: string;
  /** Per run when drip-feeding: the total is quantity × runs. */
  readonly quantity?: number;
  /** Drip-feed: number of runs; goes with `interval` or not at all. */
  readonly runs?: number;
  /** Drip-feed: minutes between runs. */
  readonly interval?: number;
  readonly comments?: LineList;
  readonly usernames?: LineList;
  readonly username?: string;
  readonly hashtags?: LineList;
  readonly hashtag?: string;
  readonly media?: string;
  readonly answerNumber?: number;
  readonly groups?: LineList;
  readonly keywords?: LineList;
  readonly min?: number;
  readonly max?: number;
  readonly posts?: number;
  readonly oldPosts?: number;
  readonly delay?: number;
  /** Subscriptions: `d/m/Y`, e.g. 31/12/2026. */
  readonly expiry?: string;
  readonly country?: string;
  /** Web Traffic: 1–5. */
  readonly device?: number;
  /** Web Traffic: 1 Google keyword, 2 custom referrer, 3 blank. */
  readonly typeOfTraffic?: number;
  readonly googleKeyword?: string;
  readonly referringUrl?: string;
}

/** The protocol's (snake_case) name of each field. */
export const WIRE_FIELD_NAMES: Readonly<Record<AddOrderField, string>> = {
  link: 'link',
  quantity: 'quantity',
  runs: 'runs',
  interval: 'interval',
  comments: 'comments',
  usernames: 'usernames',
  username: 'username',
  hashtags: 'hashtags',
  hashtag: 'hashtag',
  media: 'media',
  answerNumber: 'answer_number',
  groups: 'groups',
  keywords: 'keywords',
  min: 'min',
  max: 'max',
  posts: 'posts',
  oldPosts: 'old_posts',
  delay: 'delay',
  expiry: 'expiry',
  country: 'country',
  device: 'device',
  typeOfTraffic: 'type_of_traffic',
  googleKeyword: 'google_keyword',
  referringUrl: 'referring_url',
};

/** Every field of AddOrderRequest besides `service`. */
export const ADD_ORDER_FIELDS = Object.keys(WIRE_FIELD_NAMES) as readonly AddOrderField[];

/**
 * The lines of a list field: split on `\n` / `\r\n`, trimmed, blank lines dropped. The same lines
 * are sent and counted, so a quantity derived from lines matches what the upstream receives.
 */
export function splitLines(list: LineList): string[] {
  const lines =
    typeof list === 'string' ? list.split(/\r?\n/) : list.flatMap((l) => l.split(/\r?\n/));
  return lines.map((l) => l.trim()).filter((l) => l.length > 0);
}

/**
 * The `add` fields as sent on the wire (snake_case, lists joined with `\n`), without `action`
 * and `key`. Refuses only what no panel can take: runs without interval (or the reverse), a
 * non-integer count, an empty service id. Type-specific rules are validateAddOrder's.
 */
export function toAddWireFields(order: AddOrderRequest): Record<string, string> {
  const service = String(order.service).trim();
  if (!service) throw new SmmRequestError('add: service is required');
  if ((order.runs === undefined) !== (order.interval === undefined)) {
    throw new SmmRequestError('add: runs and interval go together or not at all');
  }
  const fields: Record<string, string> = { service };
  for (const name of ADD_ORDER_FIELDS) {
    const value = order[name];
    if (value === undefined) continue;
    fields[WIRE_FIELD_NAMES[name]] = wireValue(name, value);
  }
  if (order.idempotencyKey !== undefined) fields.idempotency_key = order.idempotencyKey;
  return fields;
}

function wireValue(name: AddOrderField, value: string | number | readonly string[]): string {
  if ((LIST_FIELDS as readonly string[]).includes(name)) {
    return splitLines(value as LineList).join('\n');
  }
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) {
      throw new SmmRequestError(`add: ${name} must be an integer, got ${value}`);
    }
    return String(value);
  }
  if (typeof value !== 'string') throw new SmmRequestError(`add: ${name} must be a string`);
  return value;
}

export function isListField(name: AddOrderField): name is ListField {
  return (LIST_FIELDS as readonly string[]).includes(name);
}
