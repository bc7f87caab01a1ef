import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { DomainError } from '../common/errors/domain-error.js';
import { isPostgres } from '../database/column-types.js';
import { Transactions } from '../database/transactions.js';
import { CatalogRevision } from '../providers/catalog-revision.js';
import type { ApplySuggestionDto, CatalogSuggestionDto } from './dto/suggestion.dto.js';
import type { AdminServiceDto } from './dto/service.dto.js';
import { canonicalRate } from './offer-diff.js';
import { ServiceEntity } from './service.entity.js';
import { nameTaken, replaceMapping, ServicesAdminService } from './services-admin.service.js';
import { SqlDialect } from '../database/sql-dialect.js';
import {
  groupSuggestions,
  type CandidateOffer,
  type SuggestionGroup,
} from './suggestion-grouping.js';

interface CandidateRow {
  id: number;
  provider_id: number;
  upstream_service_id: string;
  name: string;
  type: string;
  category: string | null;
  rate: string;
  refill: boolean | number;
  cancel: boolean | number;
  dripfeed: boolean | number;
  currency: string;
}

/** Suggests services from unmapped offers that look alike; applying one is an explicit call. */
@Injectable()
export class CatalogSuggestionsService {
  private readonly sql: SqlDialect;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly services: ServicesAdminService,
    private readonly transactions: Transactions,
    private readonly revision: CatalogRevision,
    private readonly audit: AuditService,
  ) {
    this.sql = new SqlDialect(isPostgres(dataSource));
  }

  async list(limit = 100): Promise<CatalogSuggestionDto[]> {
    return groupSuggestions(await this.candidates())
      .slice(0, limit)
      .map(toSuggestionDto);
  }

  /** Creates the service a suggestion describes, mapped to its offers; 404 once it is gone. */
  async apply(key: string, dto: ApplySuggestionDto, actor: string): Promise<AdminServiceDto> {
    const group = groupSuggestions(await this.candidates()).find((g) => g.key === key);
    if (!group) {
      throw new DomainError(
        'not_found',
        `Suggestion ${key} does not exist (its offers may have been mapped or changed).`,
      );
    }
    const name = dto.name ?? group.suggestedName;
    const id = await this.transactions.run(async (manager) => {
      const repo = manager.getRepository(ServiceEntity);
      if (await repo.existsBy({ name })) throw nameTaken(name);
      const row = await repo.save(
        repo.create({
          name,
          category: dto.category ?? group.suggestedCategory,
          type: group.type,
          description: dto.description ?? null,
          refill: group.refill,
          cancel: group.cancel,
          dripfeed: group.dripfeed,
          active: true,
        }),
      );
      await replaceMapping(
        manager,
        row.id,
        group.offers.map((o) => o.offerId),
      );
      await this.revision.bump(manager);
      await this.audit.record(
        {
          actor,
          action: 'catalog.apply-suggestion',
          targetType: 'service',
          targetId: row.id,
          details: { key, score: group.score, offers: group.offers.length },
        },
        manager,
      );
      return row.id;
    });
    this.revision.touched();
    return this.services.get(id);
  }

  /** Available offers of enabled providers that no service uses. */
  private async candidates(): Promise<CandidateOffer[]> {
    const rows: CandidateRow[] = await this.dataSource.query(
      `SELECT o.id, o.provider_id, o.upstream_service_id, o.name, o.type, o.category, o.rate,
              o.refill, o.cancel, o.dripfeed, p.currency
         FROM provider_offers o JOIN providers p ON p.id = o.provider_id
        WHERE o.available = ${this.sql.param(1)} AND p.enabled = ${this.sql.param(2)}
          AND NOT EXISTS (SELECT 1 FROM service_offers so WHERE so.offer_id = o.id)`,
      [this.sql.bool(true), this.sql.bool(true)],
    );
    return rows.map((r) => ({
      offerId: Number(r.id),
      providerId: Number(r.provider_id),
      upstreamServiceId: r.upstream_service_id,
      name: r.name,
      type: r.type,
      category: r.category,
      rate: canonicalRate(r.rate),
      currency: r.currency,
      refill: Boolean(r.refill),
      cancel: Boolean(r.cancel),
      dripfeed: Boolean(r.dripfeed),
    }));
  }
}

function toSuggestionDto(group: SuggestionGroup): CatalogSuggestionDto {
  return {
    ...group,
    reasons: [...group.reasons],
    offers: group.offers.map(({ offerId: _offerId, type: _type, ...offer }) => offer),
  };
}
