import { Body, Controller, Get, Patch, Post, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/auth.decorators.js';
import type { Principal } from '../auth/scopes.js';
import { Endpoint } from '../providers/endpoint.js';
import { IdParam } from '../common/http/id-param.js';
import {
  AdminServiceDto,
  CreateServiceDto,
  SetServiceOffersDto,
  UpdateServiceDto,
} from './dto/service.dto.js';
import { ServicesAdminService } from './services-admin.service.js';

const NOT_FOUND = { 404: 'No service with this id' };

@ApiTags('admin: services')
@Controller('v1/admin/services')
export class AdminServicesController {
  constructor(private readonly services: ServicesAdminService) {}

  /** Creates a service partners can order once offers are mapped to it. */
  @Post()
  @Endpoint({
    summary: 'Create a service',
    type: AdminServiceDto,
    status: 201,
    problems: { 400: 'Invalid fields', 409: 'service_name_taken' },
  })
  createService(
    @Body() dto: CreateServiceDto,
    @CurrentPrincipal() p: Principal,
  ): Promise<AdminServiceDto> {
    return this.services.create(dto, p.actor);
  }

  /** Every service, retired ones included, with its mapping. */
  @Get()
  @Endpoint({ summary: 'List services with their mapping', type: AdminServiceDto, isArray: true })
  listAdminServices(): Promise<AdminServiceDto[]> {
    return this.services.list();
  }

  /** One service with its mapping. */
  @Get(':id')
  @Endpoint({
    summary: 'Get a service with its mapping',
    type: AdminServiceDto,
    problems: NOT_FOUND,
  })
  getAdminService(@IdParam() id: number): Promise<AdminServiceDto> {
    return this.services.get(id);
  }

  /** Renames, re-describes, changes promises, retires or revives a service. */
  @Patch(':id')
  @Endpoint({
    summary: 'Update a service',
    type: AdminServiceDto,
    problems: { ...NOT_FOUND, 400: 'Invalid fields', 409: 'service_name_taken' },
  })
  updateService(
    @IdParam() id: number,
    @Body() dto: UpdateServiceDto,
    @CurrentPrincipal() p: Principal,
  ): Promise<AdminServiceDto> {
    return this.services.update(id, dto, p.actor);
  }

  /** Replaces the mapping: which upstream offers may serve the service. */
  @Put(':id/offers')
  @Endpoint({
    summary: 'Set the offers mapped to a service',
    type: AdminServiceDto,
    problems: {
      ...NOT_FOUND,
      400: 'Invalid fields or an offer listed twice',
      422: 'offer_not_found or offer_type_mismatch (nothing changed)',
    },
  })
  setServiceOffers(
    @IdParam() id: number,
    @Body() dto: SetServiceOffersDto,
    @CurrentPrincipal() p: Principal,
  ): Promise<AdminServiceDto> {
    return this.services.setOffers(id, dto, p.actor);
  }
}
