import { Injectable } from '@nestjs/common';
import type { ActorContext } from '../auth/actor-context.js';
import { AuditService } from '../audit/audit.service.js';
import { DomainError, notFound } from '../common/errors/domain-error.js';
import { AppConfig } from '../config/app-config.js';
import { Transactions, type Tx } from '../database/transactions.js';
import type { PartnerWithBalance } from './dto/partner.mapper.js';
import type { PartnerEntity, PartnerStatus } from './partner.entity.js';
import { PricingService } from './pricing/pricing.service.js';
import { PartnersRepository } from './partners.repository.js';
import { decodeCursor, toPage, type Page } from '../common/http/cursor.js';
import { DEFAULT_PAGE_SIZE } from '../common/http/page-query.dto.js';
import { isUniqueViolation } from '../database/unique-violation.js';
import { money, canonical } from '../common/money/money.js';
import { TokenInvalidations } from './tokens/token-invalidations.js';

export interface PartnerInput {
  name: string;
  currency?: string;
  markupPercent?: string;
  requestsPerMinute?: number;
}

export interface PartnerChanges {
  name?: string;
  currency?: string;
  markupPercent?: string;
  /** null returns the partner to the default limit. */
  requestsPerMinute?: number | null;
}

/** Partners and their lifecycle; each change is audited in its own transaction. */
@Injectable()
export class PartnersService {
  constructor(
    private readonly config: AppConfig,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
    private readonly invalidations: TokenInvalidations,
    private readonly partners: PartnersRepository,
    private readonly pricing: PricingService,
  ) {}

  /** Creates the partner and its empty wallet together. */
  create(input: PartnerInput, ctx: ActorContext): Promise<PartnerWithBalance> {
    const currency = input.currency ?? this.config.catalog.baseCurrency;
    const markupPercent = canonical(money(input.markupPercent ?? '0', 'markupPercent'));
    return this.uniqueName(input.name, () =>
      this.transactions.run(async (m) => {
        await this.assertNameFree(m, input.name);
        const partner = await this.partners.insert(m, {
          name: input.name,
          currency,
          markupPercent,
          requestsPerMinute: input.requestsPerMinute ?? null,
          status: 'active',
          suspendedAt: null,
        });
        await this.record(m, ctx, 'partner.create', partner.id, {
          name: partner.name,
          currency,
          markupPercent,
          requestsPerMinute: partner.requestsPerMinute,
        });
        return { partner, balance: '0' };
      }),
    );
  }

  async list(query: {
    status?: PartnerStatus;
    cursor?: string;
    limit?: number;
  }): Promise<Page<PartnerWithBalance>> {
    const after = decodeCursor(query.cursor);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await this.partners.list(
      { status: query.status },
      { before: after, take: limit + 1 },
    );
    const page = toPage(rows, limit);
    const balances = await this.partners.balances(page.items.map((p) => p.id));
    return {
      items: page.items.map((partner) => ({ partner, balance: balances.get(partner.id) ?? '0' })),
      nextCursor: page.nextCursor,
    };
  }

  async get(id: number): Promise<PartnerWithBalance> {
    const partner = await this.partners.find(id);
    if (!partner) throw notFound('Partner', id);
    return { partner, balance: (await this.partners.balances([id])).get(id) ?? '0' };
  }

  /** Changes name, currency (only while the ledger is empty), markup or rate limit. */
  async update(
    id: number,
    changes: PartnerChanges,
    ctx: ActorContext,
  ): Promise<PartnerWithBalance> {
    const result = await this.uniqueName(changes.name, () =>
      this.transactions.run(async (m) => {
        const partner = await this.lock(m, id);
        // Locked too: a first movement must not slip in between the empty-ledger check and the
        // currency change.
        const wallet = await this.partners.lockWallet(m, id);
        const before = snapshot(partner);
        if (changes.name !== undefined && changes.name !== partner.name) {
          await this.assertNameFree(m, changes.name);
          partner.name = changes.name;
        }
        if (changes.currency !== undefined && changes.currency !== partner.currency) {
          if (await this.partners.hasLedger(m, id)) {
            throw new DomainError(
              'partner_currency_locked',
              `Partner ${id} already has ledger entries in ${partner.currency}; its currency can no longer change.`,
            );
          }
          partner.currency = changes.currency;
          // Only the currency column: never write back a balance read earlier.
          await this.partners.setWalletCurrency(m, id, changes.currency);
        }
        if (changes.markupPercent !== undefined) {
          partner.markupPercent = canonical(money(changes.markupPercent, 'markupPercent'));
        }
        if (changes.requestsPerMinute !== undefined)
          partner.requestsPerMinute = changes.requestsPerMinute;
        const saved = await this.partners.save(m, partner);
        await this.record(m, ctx, 'partner.update', id, { before, after: snapshot(saved) });
        return { partner: saved, balance: wallet.balance };
      }),
    );
    await this.invalidations.partner(id);
    this.pricing.termsChanged();
    return result;
  }

  /** Suspends the partner: its tokens stop working on this process at once. */
  suspend(id: number, ctx: ActorContext): Promise<PartnerWithBalance> {
    return this.setStatus(id, 'suspended', ctx);
  }

  reactivate(id: number, ctx: ActorContext): Promise<PartnerWithBalance> {
    return this.setStatus(id, 'active', ctx);
  }

  private async setStatus(
    id: number,
    status: PartnerStatus,
    ctx: ActorContext,
  ): Promise<PartnerWithBalance> {
    const result = await this.transactions.run(async (m) => {
      const partner = await this.lock(m, id);
      const wallet = await this.partners.wallet(m, id);
      if (partner.status === status) return { partner, balance: wallet.balance };
      partner.status = status;
      partner.suspendedAt = status === 'suspended' ? new Date() : null;
      const saved = await this.partners.save(m, partner);
      await this.record(
        m,
        ctx,
        status === 'suspended' ? 'partner.suspend' : 'partner.reactivate',
        id,
        {},
      );
      return { partner: saved, balance: wallet.balance };
    });
    await this.invalidations.partner(id);
    return result;
  }

  private async lock(m: Tx, id: number): Promise<PartnerEntity> {
    const partner = await this.partners.lock(m, id);
    if (!partner) throw notFound('Partner', id);
    return partner;
  }

  private async assertNameFree(m: Tx, name: string): Promise<void> {
    if (await this.partners.nameTaken(m, name)) throw nameTaken(name);
  }

  /** Two creations racing for one name: the UNIQUE index decides, the loser gets the same 409. */
  private async uniqueName<T>(name: string | undefined, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (name !== undefined && isUniqueViolation(error)) throw nameTaken(name);
      throw error;
    }
  }

  private record(
    m: Tx,
    ctx: ActorContext,
    action: string,
    id: number,
    details: Record<string, unknown>,
  ): Promise<void> {
    return this.audit.record(
      {
        actor: ctx.actor,
        action,
        targetType: 'partner',
        targetId: id,
        details,
        requestId: ctx.requestId,
      },
      m,
    );
  }
}

const nameTaken = (name: string): DomainError =>
  new DomainError('partner_name_taken', `A partner named "${name}" already exists.`);

const snapshot = (p: PartnerEntity) => ({
  name: p.name,
  currency: p.currency,
  markupPercent: p.markupPercent,
  requestsPerMinute: p.requestsPerMinute,
});
