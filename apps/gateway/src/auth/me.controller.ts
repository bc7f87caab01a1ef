import { Controller, Get } from '@nestjs/common';
import { ApiProperty, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from './auth.decorators.js';
import { SCOPES, type Principal, type Scope } from './scopes.js';
import { Endpoint } from '../common/http/endpoint.js';

export class MeDto {
  @ApiProperty({ enum: ['env-admin', 'token'] })
  kind: 'env-admin' | 'token';

  @ApiProperty({ type: Number, nullable: true, description: 'The partner the token belongs to' })
  partnerId: number | null;

  @ApiProperty({ type: Number, nullable: true })
  tokenId: number | null;

  @ApiProperty({ enum: SCOPES, isArray: true })
  scopes: Scope[];
}

@ApiTags('auth')
@Controller('v1/me')
export class MeController {
  // Who the bearer token identifies and what it may do.
  @Get()
  @Endpoint({ summary: 'Describe the calling token', type: MeDto, auth: 'token' })
  getMe(@CurrentPrincipal() principal: Principal): MeDto {
    return {
      kind: principal.kind,
      partnerId: principal.partnerId,
      tokenId: principal.tokenId,
      scopes: [...principal.scopes],
    };
  }
}
