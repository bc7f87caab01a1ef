import { Body, Get, Patch, Post, Put } from '@nestjs/common';

import { CurrentPrincipal } from '../auth/auth.decorators.js';
import type { Principal } from '../auth/scopes.js';
import { AdminController } from '../common/http/admin-route.js';
import { Endpoint } from '../common/http/endpoint.js';
import { IdParam } from '../common/http/id-param.js';
import {
  AdminServiceDto,
  CreateServiceDto,
  SetServiceOffersDto,
  UpdateServiceDto,
} from './dto/service.dto.js';
import { ServicesAdminService } from './services-admin.service.js';

const NOT_FOUND = { not_found: 'no service with this id' } as const;

@AdminController('admin: services', 'services')
export class AdminServicesController {
  constructor(private readonly services: ServicesAdminService) {}

  // Creates a service partners can order once offers are mapped to it.
  @Post()
  @Endpoint({
    summary: 'Create a service',
    type: AdminServiceDto,
    status: 201,
    errors: { service_name_taken: 'a service with this name exists' },
  })
  createService(
    @Body() dto: CreateServiceDto,
    @CurrentPrincipal() p: Principal,
  ): Promise<AdminServiceDto> {
    return this.services.create(dto, p.actor);
  }

  // Every service, retired ones included, with its mapping.
  @Get()
  @Endpoint({ summary: 'List services with their mapping', type: [AdminServiceDto] })
  listAdminServices(): Promise<AdminServiceDto[]> {
    return this.services.list();
  }

  // One service with its mapping.
  @Get(':id')
  @Endpoint({
    summary: 'Get a service with its mapping',
    type: AdminServiceDto,
    errors: NOT_FOUND,
  })
  getAdminService(@IdParam() id: number): Promise<AdminServiceDto> {
    return this.services.get(id);
  }

  // Renames, re-describes, changes promises, retires or revives a service.
  @Patch(':id')
  @Endpoint({
    summary: 'Update a service',
    type: AdminServiceDto,
    errors: { ...NOT_FOUND, service_name_taken: 'a service with this name exists' },
  })
  updateService(
    @IdParam() id: number,
    @Body() dto: UpdateServiceDto,
    @CurrentPrincipal() p: Principal,
  ): Promise<AdminServiceDto> {
    return this.services.update(id, dto, p.actor);
  }

  // Replaces the mapping: which upstream offers may serve the service.
  @Put(':id/offers')
  @Endpoint({
    summary: 'Set the offers mapped to a service',
    type: AdminServiceDto,
    errors: {
      ...NOT_FOUND,
      offer_not_found: 'an offer does not exist (sync the provider first); nothing changed',
      offer_type_mismatch: 'an offer is not of the service type; nothing changed',
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
