import { Body, Controller, Get, Headers, Post, Query } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { mapPage } from '../common/http/cursor.js';
import { Endpoint } from '../common/http/endpoint.js';
import { ApiIdParam, IdParam } from '../common/http/id-param.js';
import { CurrentPartnerId } from '../partners/partner-isolation.js';
import { CreateOrderDto } from './dto/create-order.dto.js';
import { CREATE_ORDER_EXAMPLES } from './dto/create-order.examples.js';
import {
  ListOrdersQueryDto,
  OrderIdsDto,
  OrderLookupsDto,
  OrderPageDto,
  parseIdList,
  toOrderLookupsDto,
} from './dto/order-queries.dto.js';
import { OrderDto, toOrderDto } from './dto/order-view.dto.js';
import {
  BatchOutcomesDto,
  RefillDto,
  toCancelOutcomesDto,
  toRefillDto,
  toRefillOutcomesDto,
} from './dto/refill.dto.js';
import { toPlaceOrder } from './dto/to-place-order.js';
import { CancelsService } from './follow-ups/cancels.service.js';
import { RefillsService } from './follow-ups/refills.service.js';
import { IDEMPOTENCY_KEY_HEADER } from './idempotency/idempotency.interceptor.js';
import { Idempotent } from './idempotency/idempotent.decorator.js';
import { OrdersQueryService } from './orders-query.service.js';
import { OrderPlacementService } from './placement/order-placement.service.js';

const UNAVAILABLE = 'the upstream holding the order did not answer; try again later';

@ApiTags('orders')
@Controller('v1/orders')
export class OrdersController {
  constructor(
    private readonly placement: OrderPlacementService,
    private readonly orders: OrdersQueryService,
    private readonly refills: RefillsService,
    private readonly cancels: CancelsService,
  ) {}

  // Places an order: routed to the cheapest upstream able to take it, charged once.
  @Post()
  @Idempotent()
  @ApiBody({ type: CreateOrderDto, examples: CREATE_ORDER_EXAMPLES })
  @Endpoint({
    summary: 'Place an order',
    status: 201,
    type: OrderDto,
    auth: { partner: 'orders:write' },
    errors: {
      invalid_idempotency_key: 'the Idempotency-Key is not 1–255 visible ASCII characters',
      no_eligible_offer: 'no upstream can take this order now (quantity_below_min, …)',
      order_rejected: 'every upstream able to take it refused it; nothing was charged',
      insufficient_funds: 'the wallet balance does not cover the charge',
      max_charge_exceeded: 'the order would cost more than maxCharge',
      idempotency_key_reused: 'the Idempotency-Key was used with a different request',
      idempotency_in_flight: 'a request with this Idempotency-Key is still being processed',
      upstreams_unavailable: 'no upstream answered; the order was not placed (retry)',
    },
  })
  createOrder(
    @CurrentPartnerId() partnerId: number,
    @Body() dto: CreateOrderDto,
    @Headers(IDEMPOTENCY_KEY_HEADER) idempotencyKey?: string,
  ): Promise<OrderDto> {
    const command = toPlaceOrder(partnerId, dto, idempotencyKey ?? null);
    return this.placement.place(command).then(toOrderDto);
  }

  // With `ids`: per-id results (like the upstream multi status). Otherwise a filtered page.
  @Get()
  @Endpoint({
    summary: 'List orders, or look up to 100 by id',
    oneOf: [OrderPageDto, OrderLookupsDto],
    auth: { partner: 'orders:read' },
    errors: { invalid_cursor: 'the cursor is not one this API returned' },
  })
  async listOrders(
    @CurrentPartnerId() partnerId: number,
    @Query() query: ListOrdersQueryDto,
  ): Promise<OrderPageDto | OrderLookupsDto> {
    if (query.ids) {
      const ids = parseIdList(query.ids);
      return toOrderLookupsDto(await this.orders.lookupForPartner(partnerId, ids));
    }
    return mapPage(await this.orders.listForPartner(partnerId, query), toOrderDto);
  }

  @Get(':id')
  @ApiIdParam('id', 'Order id')
  @Endpoint({
    summary: 'Get an order (refreshed from the upstream when stale)',
    type: OrderDto,
    auth: { partner: 'orders:read' },
  })
  getOrder(@CurrentPartnerId() partnerId: number, @IdParam('id') id: number): Promise<OrderDto> {
    return this.orders.getForPartner(partnerId, id).then(toOrderDto);
  }

  @Post(':id/refill')
  @ApiIdParam('id', 'Order id')
  @Endpoint({
    summary: 'Ask the upstream for a refill',
    status: 201,
    type: RefillDto,
    auth: { partner: 'orders:write' },
    errors: {
      refill_not_supported: 'the offer that took the order has no refill',
      order_not_eligible:
        'only completed or partial orders can be refilled, or the upstream refused',
      upstreams_unavailable: UNAVAILABLE,
    },
  })
  refillOrder(
    @CurrentPartnerId() partnerId: number,
    @IdParam('id') id: number,
  ): Promise<RefillDto> {
    return this.refills.request(partnerId, id).then(toRefillDto);
  }

  @Post(':id/cancel')
  @ApiIdParam('id', 'Order id')
  @Endpoint({
    summary: 'Ask the upstream to cancel; refunded when it reports Canceled',
    type: OrderDto,
    auth: { partner: 'orders:write' },
    errors: {
      cancel_not_supported: 'the offer that took the order does not support cancel',
      order_not_eligible: 'the order has ended, or the upstream refused',
      upstreams_unavailable: UNAVAILABLE,
    },
  })
  @ApiOkResponse({ type: OrderDto }) // literal: the Swagger plugin would add a 201 for a POST
  cancelOrder(@CurrentPartnerId() partnerId: number, @IdParam('id') id: number): Promise<OrderDto> {
    return this.cancels.cancelOne(partnerId, id).then(toOrderDto);
  }

  @Post('refill')
  @Endpoint({
    summary: 'Refill up to 100 orders; a result per id',
    type: BatchOutcomesDto,
    auth: { partner: 'orders:write' },
  })
  @ApiOkResponse({ type: BatchOutcomesDto }) // literal: the Swagger plugin would add a 201 for a POST
  refillOrders(
    @CurrentPartnerId() partnerId: number,
    @Body() dto: OrderIdsDto,
  ): Promise<BatchOutcomesDto> {
    return this.refills.requestMany(partnerId, dto.ids).then(toRefillOutcomesDto);
  }

  @Post('cancel')
  @Endpoint({
    summary: 'Cancel up to 100 orders; a result per id',
    type: BatchOutcomesDto,
    auth: { partner: 'orders:write' },
  })
  @ApiOkResponse({ type: BatchOutcomesDto }) // literal: the Swagger plugin would add a 201 for a POST
  cancelOrders(
    @CurrentPartnerId() partnerId: number,
    @Body() dto: OrderIdsDto,
  ): Promise<BatchOutcomesDto> {
    return this.cancels.cancelMany(partnerId, [...new Set(dto.ids)]).then(toCancelOutcomesDto);
  }
}
