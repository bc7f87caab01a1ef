import { Injectable, Logger } from '@nestjs/common';
import type { Scope } from '../auth/scopes.js';
import { ApiV2Account } from './api-v2-account.js';
import { ApiV2FollowUps } from './api-v2-follow-ups.js';
import { ApiV2Keys, type WireCaller } from './api-v2-keys.js';
import { ApiV2Orders } from './api-v2-orders.js';
import { internalError, WIRE_ERRORS, WireError } from './wire-errors.js';
import { text, type WireParams } from './wire-params.js';

/** One API v2 call as the controller hands it over. */
export interface WireCall {
  /** Query and body fields merged (null when the body was not an object of fields). */
  readonly params: WireParams | null;
  readonly address: string;
  readonly requestId: string;
}

/** What to answer: always JSON; 200 for everything but an `add` whose outcome is unknown. */
export interface WireReply {
  readonly status: 200 | 503;
  readonly headers: Record<string, string>;
  readonly body: unknown;
}

type Handler = (caller: WireCaller, params: WireParams, requestId: string) => Promise<unknown>;

/**
 * The API v2 facade: `key` → the partner (ApiV2Keys), `action` → the scope it needs and its
 * handler. Every refusal is a `{"error": "<canonical message>"}` with HTTP 200; nothing thrown
 * below escapes as a problem document.
 */
@Injectable()
export class ApiV2Service {
  private readonly logger = new Logger('ApiV2');
  private readonly actions: Readonly<Record<string, { scope: Scope; run: Handler }>>;

  constructor(
    private readonly keys: ApiV2Keys,
    account: ApiV2Account,
    orders: ApiV2Orders,
    followUps: ApiV2FollowUps,
  ) {
    this.actions = {
      services: { scope: 'services:read', run: (c) => account.services(c.partnerId) },
      balance: { scope: 'balance:read', run: (c) => account.balance(c.partnerId) },
      add: { scope: 'orders:write', run: (c, p, id) => orders.add(c.partnerId, p, id) },
      status: { scope: 'orders:read', run: (c, p) => followUps.status(c.partnerId, p) },
      refill: { scope: 'orders:write', run: (c, p) => followUps.refill(c.partnerId, p) },
      refill_status: {
        scope: 'orders:read',
        run: (c, p) => followUps.refillStatus(c.partnerId, p),
      },
      cancel: { scope: 'orders:write', run: (c, p) => followUps.cancel(c.partnerId, p) },
    };
  }

  async handle(call: WireCall): Promise<WireReply> {
    let headers: Record<string, string> = {};
    try {
      const params = call.params ?? {};
      const key = text(params, 'key');
      const action = text(params, 'action');
      if (!key || !action) throw new WireError(WIRE_ERRORS.incorrectRequest);
      const caller = await this.keys.authenticate(key, call.address);
      headers = caller.headers;
      const handler = Object.hasOwn(this.actions, action) ? this.actions[action] : undefined;
      if (!handler) throw new WireError(WIRE_ERRORS.incorrectRequest);
      this.keys.requireScope(caller, handler.scope);
      return { status: 200, headers, body: await handler.run(caller, params, call.requestId) };
    } catch (error) {
      if (error instanceof WireError) {
        return {
          status: error.status,
          headers: { ...headers, ...error.headers },
          body: { error: error.message },
        };
      }
      this.logger.error({ err: error, requestId: call.requestId }, 'API v2 call failed');
      return { status: 200, headers, body: { error: internalError(call.requestId) } };
    }
  }
}
