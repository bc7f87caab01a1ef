import { Injectable } from '@nestjs/common';
import { DomainError } from '../common/errors/domain-error.js';
import { CancelsService } from '../orders/follow-ups/cancels.service.js';
import { RefillsService } from '../orders/follow-ups/refills.service.js';
import { OrdersQueryService } from '../orders/orders-query.service.js';
import { followUpFailure, WIRE_ERRORS, WireError } from './wire-errors.js';
import { OrderedObject } from './wire-json.js';
import { echoId, idList, MAX_IDS, parseId, text, type WireParams } from './wire-params.js';
import { PANEL_REFILL_STATUS, wireStatus, type WireStatus } from './wire-views.js';

type ErrorBody = { error: string };

/**
 * `status`, `refill`, `refill_status` and `cancel`, one id or many (≤ 100), through the same
 * services as the REST routes: a partner only ever reaches its own orders and refills; any other
 * id answers exactly like an unknown one.
 */
@Injectable()
export class ApiV2FollowUps {
  constructor(
    private readonly orders: OrdersQueryService,
    private readonly refills: RefillsService,
    private readonly cancels: CancelsService,
  ) {}

  /** `orders` → an object keyed by each requested id; else `order` → that order's status. */
  async status(partnerId: number, params: WireParams): Promise<WireStatus | OrderedObject> {
    const many = idList(params, 'orders');
    if (!many) {
      const answer = (await this.statuses(partnerId, [text(params, 'order') ?? '']))[0]!;
      if ('error' in answer) throw new WireError(answer.error);
      return answer;
    }
    const answers = await this.statuses(partnerId, limited(many));
    // Keyed in the order asked (a plain object would list "2", "7", "14" for 14,2,7).
    return new OrderedObject(many.map((raw, i) => [raw, answers[i]!]));
  }

  /** `orders` → `[{order, refill}]`; else `order` → `{"refill": "<id>"}`. */
  async refill(
    partnerId: number,
    params: WireParams,
  ): Promise<{ refill: string } | { order: number | string; refill: number | ErrorBody }[]> {
    const many = idList(params, 'orders');
    if (!many) {
      const id = parseId(text(params, 'order'));
      if (id === null) throw new WireError(WIRE_ERRORS.incorrectOrder);
      try {
        return { refill: String((await this.refills.request(partnerId, id)).id) };
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        throw new WireError(followUpFailure(error.code, error.detail, 'refill'));
      }
    }
    const valid = ids(limited(many));
    const results = await this.refills.requestMany(partnerId, valid);
    const byId = new Map(results.map((r) => [r.orderId, r]));
    return many.map((raw) => {
      const result = byId.get(parseId(raw) ?? 0);
      if (!result) return { order: echoId(raw), refill: { error: WIRE_ERRORS.incorrectOrder } };
      return {
        order: result.orderId,
        refill: result.refill
          ? result.refill.id
          : { error: followUpFailure(result.code, result.error, 'refill') },
      };
    });
  }

  /** `refills` → `[{refill, status}]`; else `refill` → `{"status": "Completed"}`. */
  async refillStatus(
    partnerId: number,
    params: WireParams,
  ): Promise<{ status: string } | { refill: number | string; status: string | ErrorBody }[]> {
    const many = idList(params, 'refills');
    if (!many) {
      const status = await this.refillStatusOf(partnerId, text(params, 'refill') ?? '');
      if (typeof status !== 'string') throw new WireError(status.error);
      return { status };
    }
    const statuses = await Promise.all(
      limited(many).map((raw) => this.refillStatusOf(partnerId, raw)),
    );
    return many.map((raw, i) => ({ refill: echoId(raw), status: statuses[i]! }));
  }

  /** `orders` (or `order`, as some panels accept) → always the list answer. */
  async cancel(
    partnerId: number,
    params: WireParams,
  ): Promise<{ order: number | string; cancel: 1 | ErrorBody }[]> {
    const many = idList(params, 'orders') ?? idList(params, 'order');
    // No ids at all (absent, or `orders=,,`): a malformed request, as panels answer.
    if (!many) throw new WireError(WIRE_ERRORS.incorrectRequest);
    const valid = ids(limited(many));
    const results = valid.length > 0 ? await this.cancels.cancelMany(partnerId, valid) : [];
    const byId = new Map(results.map((r) => [r.orderId, r]));
    return many.map((raw) => {
      const result = byId.get(parseId(raw) ?? 0);
      if (!result) return { order: echoId(raw), cancel: { error: WIRE_ERRORS.incorrectOrder } };
      return {
        order: result.orderId,
        cancel: result.accepted
          ? 1
          : { error: followUpFailure(result.code, result.error, 'cancel') },
      };
    });
  }

  /** One answer per raw id, in order: the status, or Incorrect order ID. */
  private async statuses(partnerId: number, raws: string[]): Promise<(WireStatus | ErrorBody)[]> {
    const valid = ids(raws);
    const found = new Map<number, WireStatus>();
    if (valid.length > 0) {
      const orders = await this.orders.statusesForPartner(partnerId, valid);
      for (const [id, order] of orders) if (order) found.set(id, wireStatus(order));
    }
    return raws.map((raw) => found.get(parseId(raw) ?? 0) ?? { error: WIRE_ERRORS.incorrectOrder });
  }

  private async refillStatusOf(partnerId: number, raw: string): Promise<string | ErrorBody> {
    const id = parseId(raw);
    if (id === null) return { error: WIRE_ERRORS.refillNotFound };
    try {
      return PANEL_REFILL_STATUS[(await this.refills.get(partnerId, id)).status];
    } catch (error) {
      if (error instanceof DomainError && error.code === 'not_found') {
        return { error: WIRE_ERRORS.refillNotFound };
      }
      throw error;
    }
  }
}

/** More than 100 ids in one call is a malformed request, as on the panels. */
function limited(raws: string[]): string[] {
  if (raws.length > MAX_IDS) throw new WireError(WIRE_ERRORS.incorrectRequest);
  return raws;
}

/** The valid ids among raw entries, without repeats. */
function ids(raws: string[]): number[] {
  return [...new Set(raws.map(parseId).filter((id): id is number => id !== null))];
}
