import { Body, Get, Post, Query, Req } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import { CurrentPrincipal, type AuthenticatedRequest } from '../auth/auth.decorators.js';
import type { Principal } from '../auth/scopes.js';

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
import { Endpoint } from '../common/http/endpoint.js';

@AdminController('admin: orders')
export class AdminOrdersController {
  constructor(
    private readonly orders: OrdersQueryService,
    private readonly reconciliation: ReconciliationService,
  ) {}

  // Every order, filtered; `status=needs_reconciliation` lists what waits for an admin.
  @Get('orders')
  @Endpoint({
    summary: 'List orders (any partner), with upstream details',
    type: AdminOrderPageDto,
    errors: { invalid_cursor: 'the cursor is not one this API returned' },
  })
  async listAdminOrders(@Query() query: AdminListOrdersQueryDto): Promise<AdminOrderPageDto> {
    const page = await this.orders.listForAdmin(query);
    return { items: page.items.map((o) => toAdminOrderDto(o, [])), nextCursor: page.nextCursor };
  }

  @Get('orders/:id')
  @ApiIdParam('id', 'Order id')
  @Endpoint({ summary: 'An order with its upstream and every attempt', type: AdminOrderDto })
  async getAdminOrder(@IdParam('id') id: number): Promise<AdminOrderDto> {
    const { order, attempts } = await this.orders.getForAdmin(id);
    return toAdminOrderDto(order, attempts);
  }

  // Settles an order whose placement outcome was unknown: the upstream id found, or failed (refunded).
  @Post('orders/:id/resolve')
  @ApiIdParam('id', 'Order id')
  @Endpoint({
    summary: 'Resolve an order that needs reconciliation',
    type: AdminOrderDto,
    errors: { order_not_reconcilable: 'the order does not wait for reconciliation' },
  })
  @ApiOkResponse({ type: AdminOrderDto }) // literal: the Swagger plugin would add a 201 for a POST
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
