import { Body, Post } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/auth.decorators.js';
import type { Principal } from '../auth/scopes.js';
import { IdParam } from '../common/http/id-param.js';
import { EjectProviderDto, ProviderDto } from './dto/provider.dto.js';
import { AdminController } from '../common/http/admin-route.js';
import { Endpoint } from '../common/http/endpoint.js';
import { ProviderEjections } from './provider-ejections.js';
import { toProviderDto } from './provider.mapper.js';

/** Ejection by hand: take a provider out of rotation, or put it back, now. */
@AdminController('admin: providers', 'providers')
export class ProviderHealthController {
  constructor(private readonly ejections: ProviderEjections) {}

  // Out of routing (save as the last resort) for `seconds`, or until restored; probes leave it alone.
  @Post(':id/eject')
  @Endpoint({
    summary: 'Eject a provider from routing by hand',
    type: ProviderDto,
    errors: { not_found: 'no provider with this id' },
  })
  @ApiOkResponse({ type: ProviderDto })
  async ejectProvider(
    @IdParam() id: number,
    @Body() dto: EjectProviderDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ProviderDto> {
    return toProviderDto(await this.ejections.eject(id, dto, principal.actor));
  }

  // Back into rotation now, whether it was ejected automatically or by hand.
  @Post(':id/restore')
  @Endpoint({
    summary: 'Restore an ejected provider to routing',
    type: ProviderDto,
    errors: { not_found: 'no provider with this id' },
  })
  @ApiOkResponse({ type: ProviderDto })
  async restoreProvider(
    @IdParam() id: number,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ProviderDto> {
    return toProviderDto(await this.ejections.restore(id, principal.actor));
  }
}
