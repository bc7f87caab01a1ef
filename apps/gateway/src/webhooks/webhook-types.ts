/** Events a partner's endpoint can subscribe to. */
export const PARTNER_EVENTS = ['order.updated', 'refill.updated', 'balance.low'] as const;

/** Events an operator's endpoint (under /v1/admin/webhooks) can subscribe to. */
export const OPERATOR_EVENTS = [
  'provider.ejected',
  'provider.recovered',
  'provider.balance_low',
  'order.needs_reconciliation',
  'order.stuck',
  'catalog.sync_failed',
  'offer.price_changed',
  'webhook.endpoint_disabled',
] as const;

export type PartnerEventType = (typeof PARTNER_EVENTS)[number];
export type OperatorEventType = (typeof OPERATOR_EVENTS)[number];
export type WebhookEventType = PartnerEventType | OperatorEventType | 'webhook.test';

/** Who an endpoint or an event belongs to: a partner, or the operator (null). */
export type Audience = number | null;

export const eventsOf = (audience: Audience): readonly string[] =>
  audience === null ? OPERATOR_EVENTS : PARTNER_EVENTS;

/** The Standard Webhooks message id of an event: the same for every attempt and endpoint. */
export const messageId = (eventId: number): string => `msg_${eventId}`;
