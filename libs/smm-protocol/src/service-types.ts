/** The service types of the protocol's `add` table, spelled as panels spell them in `services`. */
export const SERVICE_TYPES = [
  'Default',
  'Package',
  'Custom Comments',
  'Custom Comments Package',
  'Mentions',
  'Mentions with Hashtags',
  'Mentions Custom List',
  'Mentions Hashtag',
  'Mentions User Followers',
  'Mentions Media Likers',
  'Comment Likes',
  'Comment Replies',
  'Poll',
  'Invites from Groups',
  'SEO',
  'Subscriptions',
  'Web Traffic',
] as const;

export type ServiceType = (typeof SERVICE_TYPES)[number];

/** Every field of an `add` request besides `service`, in the library's camelCase spelling. */
export type AddOrderField =
  | 'link'
  | 'quantity'
  | 'runs'
  | 'interval'
  | 'comments'
  | 'usernames'
  | 'username'
  | 'hashtags'
  | 'hashtag'
  | 'media'
  | 'answerNumber'
  | 'groups'
  | 'keywords'
  | 'min'
  | 'max'
  | 'posts'
  | 'oldPosts'
  | 'delay'
  | 'expiry'
  | 'country'
  | 'device'
  | 'typeOfTraffic'
  | 'googleKeyword'
  | 'referringUrl';

/** Fields whose value is a newline-separated list (one item per line on the wire). */
export const LIST_FIELDS = ['comments', 'usernames', 'hashtags', 'groups', 'keywords'] as const;
export type ListField = (typeof LIST_FIELDS)[number];

export interface ServiceTypeRule {
  /** Fields an `add` of this type must carry. */
  readonly required: readonly AddOrderField[];
  /** Fields it may carry; anything outside required ∪ optional is refused by validateAddOrder. */
  readonly optional: readonly AddOrderField[];
  /** When set, the ordered quantity is the number of lines of this field (no `quantity` is sent). */
  readonly quantityFromLines: 'comments' | 'usernames' | null;
  /** The service's `rate` is the price of one package instead of the price per 1000 units. */
  readonly ratePerPackage: boolean;
  /** The charge is known only as the upstream delivers (subscriptions charge per future post). */
  readonly chargeKnownUpfront: boolean;
}

const DRIP_FEED: readonly AddOrderField[] = ['runs', 'interval'];

const rule = (
  required: readonly AddOrderField[],
  extra: Partial<Omit<ServiceTypeRule, 'required'>> = {},
): ServiceTypeRule => ({
  required,
  optional: extra.optional ?? [],
  quantityFromLines: extra.quantityFromLines ?? null,
  ratePerPackage: extra.ratePerPackage ?? false,
  chargeKnownUpfront: extra.chargeKnownUpfront ?? true,
});

/**
 * The `add` table of the reference. Drip-feed (runs + interval) is listed only where the reference
 * lists it; whether a given service supports it is the service's `dripfeed` flag, checked by the caller.
 * Comment Replies: the reference names no quantity; panels charge one unit per reply line.
 */
export const SERVICE_TYPE_RULES: Readonly<Record<ServiceType, ServiceTypeRule>> = {
  Default: rule(['link', 'quantity'], { optional: DRIP_FEED }),
  Package: rule(['link'], { ratePerPackage: true }),
  'Custom Comments': rule(['link', 'comments'], { quantityFromLines: 'comments' }),
  'Custom Comments Package': rule(['link', 'comments'], { ratePerPackage: true }),
  Mentions: rule(['link', 'quantity', 'usernames']),
  'Mentions with Hashtags': rule(['link', 'quantity', 'usernames', 'hashtags']),
  'Mentions Custom List': rule(['link', 'usernames'], { quantityFromLines: 'usernames' }),
  'Mentions Hashtag': rule(['link', 'quantity', 'hashtag']),
  'Mentions User Followers': rule(['link', 'quantity', 'username']),
  'Mentions Media Likers': rule(['link', 'quantity', 'media']),
  'Comment Likes': rule(['link', 'quantity', 'username']),
  'Comment Replies': rule(['link', 'username', 'comments'], { quantityFromLines: 'comments' }),
  Poll: rule(['link', 'quantity', 'answerNumber']),
  'Invites from Groups': rule(['link', 'quantity', 'groups']),
  SEO: rule(['link', 'quantity', 'keywords']),
  Subscriptions: rule(['username', 'min', 'max', 'delay'], {
    optional: ['posts', 'oldPosts', 'expiry'],
    chargeKnownUpfront: false,
  }),
  'Web Traffic': rule(['link', 'quantity', 'country', 'device', 'typeOfTraffic'], {
    // Which of the two is required depends on typeOfTraffic; validateAddOrder enforces it.
    optional: ['googleKeyword', 'referringUrl', ...DRIP_FEED],
  }),
};

const BY_KEY = new Map<string, ServiceType>(SERVICE_TYPES.map((t) => [typeKey(t), t]));

function typeKey(raw: string): string {
  return raw
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ');
}

/** The known type a panel's `type` text names (case, `_` and spacing ignored), or null. */
export function normalizeServiceType(raw: string): ServiceType | null {
  return BY_KEY.get(typeKey(raw)) ?? null;
}

export function isServiceType(value: string): value is ServiceType {
  return (SERVICE_TYPES as readonly string[]).includes(value);
}
