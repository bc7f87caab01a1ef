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

/** Sent by `POST …/webhooks/{id}/test` to that endpoint only, whatever it subscribes to. */
export const TEST_EVENT = 'webhook.test';

export type PartnerEventType = (typeof PARTNER_EVENTS)[number];
export type OperatorEventType = (typeof OPERATOR_EVENTS)[number];
export type WebhookEventType = PartnerEventType | OperatorEventType | typeof TEST_EVENT;

/** Who an endpoint or an event belongs to: a partner, or the operator (null). */
export type Audience = number | null;

export const eventsOf = (audience: Audience): readonly string[] =>
  audience === null ? OPERATOR_EVENTS : PARTNER_EVENTS;

/** The Standard Webhooks message id of an event: the same for every attempt and endpoint. */
export const messageId = (eventId: number): string => `msg_${eventId}`;

/** An event to write to the outbox, for a partner's endpoints or the operator's. */
export interface OutboxEvent {
  readonly audience: Audience;
  readonly type: WebhookEventType;
  readonly data: Record<string, unknown>;
  /** Only this endpoint (a test event); otherwise every enabled endpoint subscribed to the type. */
  readonly endpointId?: number;
  /** For offer.price_changed: the move in percent, compared with each endpoint's threshold. */
  readonly changePercent?: string;
}

/** Default threshold of offer.price_changed, in percent. */
export const DEFAULT_PRICE_CHANGE_PERCENT = '10';
