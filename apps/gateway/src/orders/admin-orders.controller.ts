import { Body, Get, HttpCode, Post, Query, Req } from '@nestjs/common';
import { ApiConflictResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { CurrentPrincipal, type AuthenticatedRequest } from '../auth/auth.decorators.js';
import type { Principal } from '../auth/scopes.js';
import { ProblemDto } from '../common/http/problem.dto.js';
import { AdminController } from '../common/http/admin-route.js';
import { ApiIdParam, IdParam } from '../common/http/id-param.js';
import {
  AdminListOrdersQueryDto,
  AdminOrderPageDto,
  ResolveOrderDto,
} from './dto/order-queries.dto.js';
import { AdminOrderDto, toAdminOrderDto } from './dto/order-view.dto.js';
import { OrdersQueryService } from './orders-query.service.js';
import { ReconciliationService } from './reconciliation/reconciliation.service.js';

@AdminController('admin: orders')
export class AdminOrdersController {
  constructor(
    private readonly orders: OrdersQueryService,
    private readonly reconciliation: ReconciliationService,
  ) {}

  /** Every order, filtered; `status=needs_reconciliation` lists what waits for an admin. */
  @Get('orders')
  @ApiOperation({
    operationId: 'listAdminOrders',
    summary: 'List orders (any partner), with upstream details',
  })
  @ApiOkResponse({ type: AdminOrderPageDto })
  async listAdminOrders(@Query() query: AdminListOrdersQueryDto): Promise<AdminOrderPageDto> {
    const page = await this.orders.listForAdmin(query);
    return { items: page.items.map((o) => toAdminOrderDto(o, [])), nextCursor: page.nextCursor };
  }

  @Get('orders/:id')
  @ApiIdParam('id', 'Order id')
  @ApiOperation({
    operationId: 'getAdminOrder',
    summary: 'An order with its upstream and every attempt',
  })
  @ApiOkResponse({ type: AdminOrderDto })
  async getAdminOrder(@IdParam('id') id: number): Promise<AdminOrderDto> {
    const { order, attempts } = await this.orders.getForAdmin(id);
    return toAdminOrderDto(order, attempts);
  }

  /** Settles an order whose placement outcome was unknown: the upstream id found, or failed (refunded). */
  @Post('orders/:id/resolve')
  @HttpCode(200)
  @ApiIdParam('id', 'Order id')
  @ApiOperation({
    operationId: 'resolveOrder',
    summary: 'Resolve an order that needs reconciliation',
  })
  @ApiOkResponse({ type: AdminOrderDto })
  @ApiConflictResponse({
    type: ProblemDto,
    description: 'order_not_reconcilable: the order does not wait for reconciliation',
  })
  async resolveOrder(
    @IdParam('id') id: number,
    @Body() dto: ResolveOrderDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: AuthenticatedRequest,
  ): Promise<AdminOrderDto> {
    await this.reconciliation.resolve(id, dto, {
      actor: principal.actor,
      requestId: String(request.id),
    });
    return this.getAdminOrder(id);
  }
}
