import { Body, Delete, Get, Header, HttpCode, Post } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
} from '@nestjs/swagger';
import { CurrentActor, type ActorContext } from '../../auth/actor-context.js';
import { ProblemDto } from '../../common/http/problem.dto.js';
import { AdminController } from '../../common/http/admin-route.js';
import { ApiIdParam, IdParam } from '../../common/http/id-param.js';
import { CreateTokenDto, IssuedTokenDto, RotateTokenDto, TokenDto } from './dto/token.dto.js';
import { toIssuedTokenDto, toTokenDto } from './dto/token.mapper.js';
import { TokensService } from './tokens.service.js';

@AdminController('tokens')
export class TokensController {
  constructor(private readonly tokens: TokensService) {}

  /** Issues a token for the partner. The response is the only time the token is shown. */
  @Post('partners/:id/tokens')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Issue a token for a partner (shown once)' })
  @ApiIdParam('id', 'Partner id')
  @ApiCreatedResponse({ type: IssuedTokenDto })
  @ApiConflictResponse({ description: 'partner_suspended', type: ProblemDto })
  createPartnerToken(
    @IdParam('id') id: number,
    @Body() body: CreateTokenDto,
    @CurrentActor() ctx: ActorContext,
  ): Promise<IssuedTokenDto> {
    return this.tokens.issueForPartner(id, body, ctx).then(toIssuedTokenDto);
  }

  /** The partner's tokens, masked: prefix and last four characters only. */
  @Get('partners/:id/tokens')
  @ApiOperation({ summary: "List a partner's tokens" })
  @ApiIdParam('id', 'Partner id')
  @ApiOkResponse({ type: [TokenDto] })
  listPartnerTokens(@IdParam('id') id: number): Promise<TokenDto[]> {
    return this.tokens.listForPartner(id).then((rows) => rows.map(toTokenDto));
  }

  /** Revokes a token: refused at once by this process, within 30 s by every other one. */
  @Delete('tokens/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke a token' })
  @ApiIdParam('id', 'Token id')
  @ApiNoContentResponse({ description: 'Revoked (or already revoked)' })
  revokeToken(@IdParam('id') id: number, @CurrentActor() ctx: ActorContext): Promise<void> {
    return this.tokens.revoke(id, ctx);
  }

  /** Issues a successor; the old token keeps working for graceSeconds, then expires. */
  @Post('tokens/:id/rotate')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Rotate a token (successor shown once)' })
  @ApiIdParam('id', 'Token id')
  @ApiCreatedResponse({ type: IssuedTokenDto })
  @ApiConflictResponse({ description: 'token_not_active or partner_suspended', type: ProblemDto })
  rotateToken(
    @IdParam('id') id: number,
    @Body() body: RotateTokenDto,
    @CurrentActor() ctx: ActorContext,
  ): Promise<IssuedTokenDto> {
    return this.tokens.rotate(id, body, ctx).then(toIssuedTokenDto);
  }
}
