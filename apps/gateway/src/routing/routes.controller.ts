import { Get, Query } from '@nestjs/common';

import { Decimal } from 'decimal.js';
import { AdminController } from '../common/http/admin-route.js';
import { Endpoint } from '../common/http/endpoint.js';
import { IdParam } from '../common/http/id-param.js';
import { ExplainRoutesQueryDto, RouteExplanationDto } from './dto/routes.dto.js';
import { toRouteExplanation } from './routing.mappers.js';
import { RoutingService } from './routing.service.js';

@AdminController('admin: services', 'services')
export class RoutesController {
  constructor(private readonly routing: RoutingService) {}

  // Explains where a request for this service would go, and why every other offer would not.
  @Get(':id/routes')
  @Endpoint({
    summary: 'Explain the routing decision for a quantity (and runs)',
    type: RouteExplanationDto,
    errors: { not_found: 'no service with this id' },
  })
  async explainServiceRoutes(
    @IdParam() id: number,
    @Query() q: ExplainRoutesQueryDto,
  ): Promise<RouteExplanationDto> {
    const maxCharge = q.maxCharge === undefined ? undefined : new Decimal(q.maxCharge);
    const result = await this.routing.explain(id, { ...q, maxCharge });
    return toRouteExplanation(result, q.quantity, q.runs);
  }
}
