import { Body, Get, Patch, Post } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/auth.decorators.js';
import type { Principal } from '../auth/scopes.js';
import { CreateProviderDto, ProviderDto, UpdateProviderDto } from './dto/provider.dto.js';
import { AdminController } from '../common/http/admin-route.js';
import { Endpoint } from '../common/http/endpoint.js';
import { IdParam } from '../common/http/id-param.js';
import { toProviderDto } from './provider.mapper.js';
import { ProvidersService } from './providers.service.js';

const NOT_FOUND = { not_found: 'no provider with this id' } as const;
const UPSTREAM_CHECK = {
  provider_key_invalid: 'the upstream refused the API key',
  provider_unreachable: 'the upstream could not be reached',
  provider_currency_mismatch: 'the upstream reports another currency than the one given',
} as const;

@AdminController('admin: providers', 'providers')
export class ProvidersController {
  constructor(private readonly providers: ProvidersService) {}

  // Registers an upstream panel after checking its key with a balance call.
  @Post()
  @Endpoint({
    summary: 'Add an upstream provider (its balance is checked first)',
    type: ProviderDto,
    status: 201,
    errors: { provider_name_taken: 'a provider with this name exists', ...UPSTREAM_CHECK },
  })
  async createProvider(
    @Body() dto: CreateProviderDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ProviderDto> {
    return toProviderDto(await this.providers.create(dto, principal.actor));
  }

  // Every provider, enabled or not.
  @Get()
  @Endpoint({ summary: 'List providers', type: [ProviderDto] })
  async listProviders(): Promise<ProviderDto[]> {
    return (await this.providers.list()).map(toProviderDto);
  }

  // One provider with its balance and sync state.
  @Get(':id')
  @Endpoint({ summary: 'Get a provider', type: ProviderDto, errors: NOT_FOUND })
  async getProvider(@IdParam() id: number): Promise<ProviderDto> {
    return toProviderDto(await this.providers.get(id));
  }

  // Changes a provider; a new URL, key or currency is checked against the upstream first.
  @Patch(':id')
  @Endpoint({
    summary: 'Update a provider (disable it to take it out of routing; history stays)',
    type: ProviderDto,
    errors: {
      ...NOT_FOUND,
      provider_name_taken: 'a provider with this name exists',
      ...UPSTREAM_CHECK,
    },
  })
  async updateProvider(
    @IdParam() id: number,
    @Body() dto: UpdateProviderDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ProviderDto> {
    return toProviderDto(await this.providers.update(id, dto, principal.actor));
  }

  // Reads the upstream balance now (it is also refreshed on a schedule).
  @Post(':id/balance')
  @Endpoint({
    summary: 'Refresh a provider balance from the upstream',
    type: ProviderDto,
    errors: { ...NOT_FOUND, upstream_failed: 'the upstream did not answer the balance call' },
  })
  // Literal, so the Swagger plugin (blind to Endpoint's status) adds no 201 response of its own.
  @ApiOkResponse({ type: ProviderDto })
  async refreshProviderBalance(
    @IdParam() id: number,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ProviderDto> {
    return toProviderDto(await this.providers.refreshBalance(id, principal.actor));
  }
}
