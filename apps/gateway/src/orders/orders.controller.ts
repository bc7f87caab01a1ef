import {
  Body,
  Controller,
  Get,
  HttpCode,
  Post,
  Query,
  UseInterceptors,
  Headers,
} from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import { RequirePartner } from '../auth/auth.decorators.js';
import { ProblemDto } from '../common/http/problem.dto.js';
import { CurrentPartnerId } from '../partners/partner-isolation.js';
import { ApiIdParam, IdParam } from '../common/http/id-param.js';
import { mapPage } from '../common/http/cursor.js';
import { CreateOrderDto } from './dto/create-order.dto.js';
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
import {
  IDEMPOTENCY_KEY_HEADER,
  IdempotencyInterceptor,
} from './idempotency/idempotency.interceptor.js';
import { CancelsService } from './follow-ups/cancels.service.js';
import { RefillsService } from './follow-ups/refills.service.js';
import { OrdersQueryService } from './orders-query.service.js';
import { OrderPlacementService } from './placement/order-placement.service.js';
import { toPlaceOrder } from './dto/to-place-order.js';

@ApiTags('orders')
@Controller('v1/orders')
export class OrdersController {
  constructor(
    private readonly placement: OrderPlacementService,
    private readonly orders: OrdersQueryService,
    private readonly refills: RefillsService,
    private readonly cancels: CancelsService,
  ) {}

  /** Places an order: routed to the cheapest upstream able to take it, charged once. */
  @Post()
  @HttpCode(201)
  @RequirePartner('orders:write')
  @UseInterceptors(IdempotencyInterceptor)
  @ApiOperation({ operationId: 'createOrder', summary: 'Place an order' })
  @ApiHeader({
    name: IDEMPOTENCY_KEY_HEADER, // the name @Headers reads, so Swagger lists the header once
    required: false,
    description:
      'Recommended. Same key + same body replays the stored response (Idempotent-Replayed: true); ' +
      'same key + other body → 422; while the first request runs → 409. Kept ≥ 24 h, per partner.',
  })
  @ApiCreatedResponse({ type: OrderDto })
  @ApiUnprocessableEntityResponse({
    type: ProblemDto,
    description:
      'No upstream can take it, refused, funds, maxCharge, or the Idempotency-Key reused with another body',
  })
  @ApiConflictResponse({
    type: ProblemDto,
    description: 'idempotency_in_flight: a request with this Idempotency-Key is still running',
  })
  @ApiServiceUnavailableResponse({
    type: ProblemDto,
    description: 'upstreams_unavailable: no upstream answered; the order was not placed',
  })
  createOrder(
    @CurrentPartnerId() partnerId: number,
    @Body() dto: CreateOrderDto,
    @Headers(IDEMPOTENCY_KEY_HEADER) idempotencyKey?: string,
  ): Promise<OrderDto> {
    const command = toPlaceOrder(partnerId, dto, idempotencyKey ?? null);
    return this.placement.place(command).then(toOrderDto);
  }

  /** With `ids`: per-id results (like the upstream multi status). Otherwise a filtered page. */
  @Get()
  @RequirePartner('orders:read')
  @ApiOperation({ operationId: 'listOrders', summary: 'List orders, or look up to 100 by id' })
  @ApiExtraModels(OrderPageDto, OrderLookupsDto)
  @ApiOkResponse({
    schema: {
      oneOf: [{ $ref: getSchemaPath(OrderPageDto) }, { $ref: getSchemaPath(OrderLookupsDto) }],
    },
  })
  async listOrders(
    @CurrentPartnerId() partnerId: number,
    @Query() query: ListOrdersQueryDto,
  ): Promise<OrderPageDto | OrderLookupsDto> {
    if (query.ids)
      return toOrderLookupsDto(
        await this.orders.lookupForPartner(partnerId, parseIdList(query.ids)),
      );
    return mapPage(await this.orders.listForPartner(partnerId, query), toOrderDto);
  }

  @Get(':id')
  @RequirePartner('orders:read')
  @ApiIdParam('id', 'Order id')
  @ApiOperation({
    operationId: 'getOrder',
    summary: 'Get an order (refreshed from the upstream when stale)',
  })
  @ApiOkResponse({ type: OrderDto })
  getOrder(@CurrentPartnerId() partnerId: number, @IdParam('id') id: number): Promise<OrderDto> {
    return this.orders.getForPartner(partnerId, id).then(toOrderDto);
  }

  @Post(':id/refill')
  @HttpCode(201)
  @RequirePartner('orders:write')
  @ApiIdParam('id', 'Order id')
  @ApiOperation({ operationId: 'refillOrder', summary: 'Ask the upstream for a refill' })
  @ApiCreatedResponse({ type: RefillDto })
  @ApiUnprocessableEntityResponse({
    type: ProblemDto,
    description: 'refill_not_supported or order_not_eligible',
  })
  @ApiServiceUnavailableResponse({ type: ProblemDto, description: 'upstreams_unavailable' })
  refillOrder(
    @CurrentPartnerId() partnerId: number,
    @IdParam('id') id: number,
  ): Promise<RefillDto> {
    return this.refills.request(partnerId, id).then(toRefillDto);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @RequirePartner('orders:write')
  @ApiIdParam('id', 'Order id')
  @ApiOperation({
    operationId: 'cancelOrder',
    summary: 'Ask the upstream to cancel; refunded when it reports Canceled',
  })
  @ApiOkResponse({ type: OrderDto })
  @ApiUnprocessableEntityResponse({
    type: ProblemDto,
    description: 'cancel_not_supported or order_not_eligible',
  })
  @ApiServiceUnavailableResponse({ type: ProblemDto, description: 'upstreams_unavailable' })
  cancelOrder(@CurrentPartnerId() partnerId: number, @IdParam('id') id: number): Promise<OrderDto> {
    return this.cancels.cancelOne(partnerId, id).then(toOrderDto);
  }

  @Post('refill')
  @HttpCode(200)
  @RequirePartner('orders:write')
  @ApiOperation({
    operationId: 'refillOrders',
    summary: 'Refill up to 100 orders; a result per id',
  })
  @ApiOkResponse({ type: BatchOutcomesDto })
  refillOrders(
    @CurrentPartnerId() partnerId: number,
    @Body() dto: OrderIdsDto,
  ): Promise<BatchOutcomesDto> {
    return this.refills.requestMany(partnerId, dto.ids).then(toRefillOutcomesDto);
  }

  @Post('cancel')
  @HttpCode(200)
  @RequirePartner('orders:write')
  @ApiOperation({
    operationId: 'cancelOrders',
    summary: 'Cancel up to 100 orders; a result per id',
  })
  @ApiOkResponse({ type: BatchOutcomesDto })
  cancelOrders(
    @CurrentPartnerId() partnerId: number,
    @Body() dto: OrderIdsDto,
  ): Promise<BatchOutcomesDto> {
    return this.cancels.cancelMany(partnerId, [...new Set(dto.ids)]).then(toCancelOutcomesDto);
  }
}
