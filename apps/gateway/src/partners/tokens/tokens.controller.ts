import { Body, Delete, Get, Header, Post } from '@nestjs/common';
import { ApiNoContentResponse } from '@nestjs/swagger';
import { CurrentActor, type ActorContext } from '../../auth/actor-context.js';

import { AdminController } from '../../common/http/admin-route.js';
import { ApiIdParam, IdParam } from '../../common/http/id-param.js';
import { CreateTokenDto, IssuedTokenDto, RotateTokenDto, TokenDto } from './dto/token.dto.js';
import { toIssuedTokenDto, toTokenDto } from './dto/token.mapper.js';
import { TokensService } from './tokens.service.js';
import { Endpoint } from '../../common/http/endpoint.js';

@AdminController('admin: tokens')
export class TokensController {
  constructor(private readonly tokens: TokensService) {}

  // Issues a token for the partner. The response is the only time the token is shown.
  @Post('partners/:id/tokens')
  @Header('Cache-Control', 'no-store')
  @ApiIdParam('id', 'Partner id')
  @Endpoint({
    summary: 'Issue a token for a partner (shown once)',
    status: 201,
    type: IssuedTokenDto,
    errors: { partner_suspended: 'the partner is suspended' },
  })
  createPartnerToken(
    @IdParam('id') id: number,
    @Body() body: CreateTokenDto,
    @CurrentActor() ctx: ActorContext,
  ): Promise<IssuedTokenDto> {
    return this.tokens.issueForPartner(id, body, ctx).then(toIssuedTokenDto);
  }

  // The partner's tokens, masked: prefix and last four characters only.
  @Get('partners/:id/tokens')
  @ApiIdParam('id', 'Partner id')
  @Endpoint({ summary: "List a partner's tokens", type: [TokenDto] })
  listPartnerTokens(@IdParam('id') id: number): Promise<TokenDto[]> {
    return this.tokens.listForPartner(id).then((rows) => rows.map(toTokenDto));
  }

  // Revokes a token: refused at once by this process, within 30 s by every other one.
  @Delete('tokens/:id')
  @ApiIdParam('id', 'Token id')
  @Endpoint({ summary: 'Revoke a token', status: 204 })
  @ApiNoContentResponse({ description: 'Revoked (or already revoked)' }) // literal, for the plugin
  revokeToken(@IdParam('id') id: number, @CurrentActor() ctx: ActorContext): Promise<void> {
    return this.tokens.revoke(id, ctx);
  }

  // Issues a successor; the old token keeps working for graceSeconds, then expires.
  @Post('tokens/:id/rotate')
  @Header('Cache-Control', 'no-store')
  @ApiIdParam('id', 'Token id')
  @Endpoint({
    summary: 'Rotate a token (successor shown once)',
    status: 201,
    type: IssuedTokenDto,
    errors: {
      token_not_active: 'the token is revoked, expired or already rotated',
      partner_suspended: 'the partner is suspended',
    },
  })
  rotateToken(
    @IdParam('id') id: number,
    @Body() body: RotateTokenDto,
    @CurrentActor() ctx: ActorContext,
  ): Promise<IssuedTokenDto> {
    return this.tokens.rotate(id, body, ctx).then(toIssuedTokenDto);
  }
}
