import { Injectable } from '@nestjs/common';
import type { ActorContext } from '../../auth/actor-context.js';
import type { Scope } from '../../auth/scopes.js';
import { AuditService } from '../../audit/audit.service.js';
import { DomainError, notFound, ValidationFailedError } from '../../common/errors/domain-error.js';
import { AppConfig } from '../../config/app-config.js';
import { Transactions, type Tx } from '../../database/transactions.js';
import type { PartnerEntity } from '../partner.entity.js';
import type { ApiTokenEntity } from './api-token.entity.js';
import { tokenStatus } from './dto/token.mapper.js';
import { TokenInvalidations } from './token-invalidations.js';
import { generateToken, hashToken, lastFour } from './token-format.js';
import { TokensRepository } from './tokens.repository.js';

export interface TokenRequest {
  scopes: Scope[];
  /** ISO 8601; must lie in the future. */
  expiresAt?: string;
  name?: string;
}

/** A freshly issued token: `token` exists only in this value, never in storage or logs. */
export interface IssuedToken {
  row: ApiTokenEntity;
  token: string;
}

/** Scopes only an operator token (one that belongs to no partner) may carry. */
const OPERATOR_SCOPES: ReadonlySet<Scope> = new Set<Scope>(['admin', 'metrics:read']);

/** Issuing, listing, revoking and rotating tokens. Every change is audited in its transaction. */
@Injectable()
export class TokensService {
  private readonly secret: Buffer;

  constructor(
    config: AppConfig,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
    private readonly invalidations: TokenInvalidations,
    private readonly tokens: TokensRepository,
  ) {
    this.secret = config.secrets.tokenSecret;
  }

  /** Issues a token for a partner (which must exist and be active). */
  issueForPartner(
    partnerId: number,
    request: TokenRequest,
    ctx: ActorContext,
  ): Promise<IssuedToken> {
    // A partner's token never reaches operator data (every partner's ledger, upstream balances).
    const operatorOnly = request.scopes.filter((s) => OPERATOR_SCOPES.has(s));
    if (operatorOnly.length > 0) {
      throw new ValidationFailedError([
        {
          field: 'scopes',
          message: `a partner's token cannot carry ${operatorOnly.join(', ')} (operator scopes)`,
        },
      ]);
    }
    const expiresAt = futureDate(request.expiresAt);
    return this.transactions.run(async (m) => {
      await this.activePartner(m, partnerId);
      const issued = await this.insert(m, { ...request, expiresAt, partnerId }, ctx);
      await this.record(m, ctx, 'token.create', issued.row, { partnerId, scopes: request.scopes });
      return issued;
    });
  }

  /** Issues an operator token that belongs to no partner (the CLI's bootstrap path). */
  issueOperatorToken(request: TokenRequest, ctx: ActorContext): Promise<IssuedToken> {
    const expiresAt = futureDate(request.expiresAt);
    return this.transactions.run(async (m) => {
      const issued = await this.insert(m, { ...request, expiresAt, partnerId: null }, ctx);
      await this.record(m, ctx, 'token.create', issued.row, {
        partnerId: null,
        scopes: request.scopes,
      });
      return issued;
    });
  }

  async listForPartner(partnerId: number): Promise<ApiTokenEntity[]> {
    if (!(await this.tokens.partnerExists(partnerId))) throw notFound('Partner', partnerId);
    return this.tokens.ofPartner(partnerId);
  }

  /** Revokes a token; it stops working on this process at once. Revoking twice changes nothing. */
  async revoke(tokenId: number, ctx: ActorContext): Promise<void> {
    await this.transactions.run(async (m) => {
      const row = await this.lockToken(m, tokenId);
      if (row.revokedAt) return;
      row.revokedAt = new Date();
      await this.tokens.save(m, row);
      await this.record(m, ctx, 'token.revoke', row, { partnerId: row.partnerId });
    });
    await this.invalidations.token(tokenId);
  }

  /**
   * Issues a successor with the same partner, scopes and name; the old token keeps working for
   * `graceSeconds` (never longer than it would have anyway), then expires.
   */
  async rotate(
    tokenId: number,
    request: { graceSeconds: number; expiresAt?: string },
    ctx: ActorContext,
  ): Promise<IssuedToken> {
    const successorExpiry = futureDate(request.expiresAt);
    const issued = await this.transactions.run(async (m) => {
      const old = await this.lockToken(m, tokenId);
      if (tokenStatus(old) !== 'active' || old.rotatedToId !== null) {
        throw new DomainError(
          'token_not_active',
          `Token ${tokenId} is ${old.rotatedToId !== null ? 'already rotated' : tokenStatus(old)}; only an active token can be rotated.`,
        );
      }
      if (old.partnerId !== null) await this.activePartner(m, old.partnerId);
      const successor = await this.insert(
        m,
        {
          partnerId: old.partnerId,
          scopes: old.scopes,
          name: old.name ?? undefined,
          expiresAt: successorExpiry ?? old.expiresAt,
          rotatedFromId: old.id,
        },
        ctx,
      );
      const graceEnd = new Date(Date.now() + request.graceSeconds * 1000);
      old.expiresAt = old.expiresAt && old.expiresAt < graceEnd ? old.expiresAt : graceEnd;
      old.rotatedToId = successor.row.id;
      await this.tokens.save(m, old);
      await this.record(m, ctx, 'token.rotate', old, {
        partnerId: old.partnerId,
        successorId: successor.row.id,
        graceSeconds: request.graceSeconds,
        oldExpiresAt: old.expiresAt.toISOString(),
      });
      return successor;
    });
    await this.invalidations.token(tokenId);
    return issued;
  }

  private async insert(
    m: Tx,
    values: {
      partnerId: number | null;
      scopes: Scope[];
      name?: string;
      expiresAt: Date | null;
      rotatedFromId?: number;
    },
    ctx: ActorContext,
  ): Promise<IssuedToken> {
    const token = generateToken();
    const row = await this.tokens.insert(m, {
      partnerId: values.partnerId,
      name: values.name ?? null,
      scopes: values.scopes,
      tokenHash: hashToken(token, this.secret),
      last4: lastFour(token),
      createdBy: ctx.actor,
      createdAt: new Date(),
      lastUsedAt: null,
      expiresAt: values.expiresAt,
      revokedAt: null,
      rotatedToId: null,
      rotatedFromId: values.rotatedFromId ?? null,
    });
    return { row, token };
  }

  private async activePartner(m: Tx, partnerId: number): Promise<PartnerEntity> {
    const partner = await this.tokens.partner(m, partnerId);
    if (!partner) throw notFound('Partner', partnerId);
    if (partner.status !== 'active') {
      throw new DomainError('partner_suspended', `Partner ${partnerId} is suspended.`);
    }
    return partner;
  }

  private async lockToken(m: Tx, tokenId: number): Promise<ApiTokenEntity> {
    const row = await this.tokens.lock(m, tokenId);
    if (!row) throw notFound('Token', tokenId);
    return row;
  }

  private record(
    m: Tx,
    ctx: ActorContext,
    action: string,
    row: ApiTokenEntity,
    details: Record<string, unknown>,
  ): Promise<void> {
    return this.audit.record(
      {
        actor: ctx.actor,
        action,
        targetType: 'token',
        targetId: row.id,
        details,
        requestId: ctx.requestId,
      },
      m,
    );
  }
}

function futureDate(iso: string | undefined): Date | null {
  if (iso === undefined) return null;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime()) || date.getTime() <= Date.now()) {
    throw new ValidationFailedError([
      { field: 'expiresAt', message: 'expiresAt must be a date-time in the future' },
    ]);
  }
  return date;
}
