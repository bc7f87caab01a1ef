import type { ApiTokenEntity } from '../api-token.entity.js';
import { maskedToken, TOKEN_PREFIX } from '../token-format.js';
import type { IssuedTokenDto, TokenDto, TokenStatus } from './token.dto.js';

export function tokenStatus(row: ApiTokenEntity, now = Date.now()): TokenStatus {
  if (row.revokedAt) return 'revoked';
  if (row.expiresAt && row.expiresAt.getTime() <= now) return 'expired';
  return 'active';
}

export function toTokenDto(row: ApiTokenEntity): TokenDto {
  return {
    id: row.id,
    partnerId: row.partnerId,
    name: row.name,
    scopes: row.scopes,
    prefix: TOKEN_PREFIX,
    last4: row.last4,
    masked: maskedToken(row.last4),
    status: tokenStatus(row),
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    rotatedToId: row.rotatedToId,
    rotatedFromId: row.rotatedFromId,
  };
}

export const toIssuedTokenDto = (issued: {
  row: ApiTokenEntity;
  token: string;
}): IssuedTokenDto => ({
  ...toTokenDto(issued.row),
  token: issued.token,
});
