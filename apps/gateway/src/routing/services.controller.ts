import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AppConfig } from '../config/app-config.js';
import { Endpoint } from '../providers/endpoint.js';
import { IdParam } from '../providers/id-param.js';
import { ListServicesQueryDto, OrderableServiceDto } from './dto/service.dto.js';
import { toServiceDto } from './routing.mappers.js';
import { RoutingService } from './routing.service.js';

@ApiTags('services')
@Controller('v1/services')
export class ServicesController {
  private readonly currency: string;

  constructor(
    private readonly routing: RoutingService,
    config: AppConfig,
  ) {
    this.currency = config.catalog.baseCurrency;
  }

  /** Services that can be ordered now (at least one eligible offer). */
  @Get()
  @Endpoint({
    scope: 'services:read',
    summary: 'List orderable services',
    type: OrderableServiceDto,
    isArray: true,
    problems: { 400: 'Invalid filter' },
  })
  async listServices(@Query() query: ListServicesQueryDto): Promise<OrderableServiceDto[]> {
    return (await this.routing.catalog(query)).map((e) => toServiceDto(e, this.currency));
  }

  /** One orderable service. */
  @Get(':id')
  @Endpoint({
    scope: 'services:read',
    summary: 'Get an orderable service',
    type: OrderableServiceDto,
    problems: { 404: 'Unknown, retired, or no eligible offer' },
  })
  async getService(@IdParam() id: number): Promise<OrderableServiceDto> {
    return toServiceDto(await this.routing.catalogEntry(id), this.currency);
  }
}
