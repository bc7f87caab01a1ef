import { Injectable, Logger } from '@nestjs/common';
import { isServiceType } from '#smm-protocol';
import { DomainError } from '../common/errors/domain-error.js';
import type { CreateOrderDto } from '../orders/dto/create-order.dto.js';
import { toPlaceOrder } from '../orders/dto/to-place-order.js';
import { OrderPlacementService } from '../orders/placement/order-placement.service.js';
import { RoutingService } from '../routing/routing.service.js';
import {
  addFailure,
  addOutcomeUnknown,
  quantityAbove,
  quantityBelow,
  WIRE_ERRORS,
  WireError,
  type QuantityOutOfRange,
} from './wire-errors.js';
import { ApiV2Idempotency } from './api-v2-idempotency.js';
import { prepareAdd, type AddTarget } from './wire-add.js';
import { toCreateOrder } from './wire-order.js';
import { parseId, text, type WireParams } from './wire-params.js';

/**
 * `add`: the wire fields are checked by the REST API's CreateOrderDto rules and become the same
 * PlaceOrder command, through the same placement (routing, failover, wallet, reconciliation: nothing differs). API v2
 * has no idempotency key, so none is used. An ambiguous placement is a success for the caller:
 * the order exists (pending) and the gateway reconciles it.
 */
@Injectable()
export class ApiV2Orders {
  private readonly logger = new Logger('ApiV2');

  constructor(
    private readonly placement: OrderPlacementService,
    private readonly routing: RoutingService,
    private readonly idempotency: ApiV2Idempotency,
  ) {}

  async add(partnerId: number, params: WireParams, requestId: string): Promise<{ order: number }> {
    const prepared = prepareAdd(params, await this.target(params));
    if (!prepared.ok) throw new WireError(prepared.message);
    let dto: CreateOrderDto | undefined;
    try {
      dto = toCreateOrder(prepared.params);
    } catch (error) {
      if (error instanceof DomainError) throw await this.refusal(error, params, undefined);
      throw error; // WireError, or a bug: nothing was placed either way
    }
    const placing = dto;
    return this.idempotency.add(partnerId, text(params, 'idempotency_key'), params, (key) =>
      this.placeChecked(partnerId, placing, key, params, requestId),
    );
  }

  private async placeChecked(
    partnerId: number,
    dto: CreateOrderDto,
    key: string | null,
    params: WireParams,
    requestId: string,
  ): Promise<{ order: number }> {
    try {
      const order = await this.placement.place(toPlaceOrder(partnerId, dto, key));
      return { order: order.id };
    } catch (error) {
      if (error instanceof DomainError) throw await this.refusal(error, params, dto);
      // The order may exist (charged, maybe sent): a refusal would tell the caller it does not.
      this.logger.error({ err: error, requestId, partnerId }, 'API v2 add failed unexpectedly');
      throw new WireError(addOutcomeUnknown(requestId), {}, 503);
    }
  }

  /** The service the `add` names, as far as reading it needs; Incorrect service ID otherwise. */
  private async target(params: WireParams): Promise<AddTarget> {
    const serviceId = parseId(text(params, 'service'));
    const service = serviceId === null ? null : await this.routing.service(serviceId);
    if (!service || !isServiceType(service.type)) throw new WireError(WIRE_ERRORS.incorrectService);
    let min = 1;
    try {
      min = (await this.routing.catalogEntry(service.id)).summary.min;
    } catch (error) {
      // No eligible offer now: placement answers that; the minimum is moot.
      if (!(error instanceof DomainError)) throw error;
    }
    return { type: service.type, dripfeed: service.dripfeed, min };
  }

  private async refusal(
    error: DomainError,
    params: WireParams,
    dto: CreateOrderDto | undefined,
  ): Promise<WireError> {
    const failure = addFailure(error);
    if (typeof failure === 'string') return new WireError(failure);
    return new WireError(
      await this.quantityMessage(parseId(text(params, 'service')), failure, dto),
    );
  }

  /** "Quantity less than minimal N" with the limits our price list shows for the service. */
  private async quantityMessage(
    serviceId: number | null,
    problem: QuantityOutOfRange,
    dto: CreateOrderDto | undefined,
  ): Promise<string> {
    if (serviceId === null) return WIRE_ERRORS.incorrectService;
    let limits: { min: number; max: number };
    try {
      limits = (await this.routing.catalogEntry(serviceId)).summary;
    } catch (error) {
      if (error instanceof DomainError) return WIRE_ERRORS.incorrectService;
      throw error;
    }
    const units = dto?.quantity === undefined ? undefined : dto.quantity * (dto.runs ?? 1);
    const above =
      problem.quantity === 'above_max' ||
      (problem.quantity === 'out_of_range' && units !== undefined && units > limits.max);
    return above ? quantityAbove(limits.max) : quantityBelow(limits.min);
  }
}
