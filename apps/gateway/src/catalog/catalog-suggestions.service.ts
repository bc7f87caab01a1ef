import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { DomainError } from '../common/errors/domain-error.js';
import { Transactions } from '../database/transactions.js';
import { CatalogRevision } from '../providers/catalog-revision.js';
import type { ApplySuggestionDto, CatalogSuggestionDto } from './dto/suggestion.dto.js';
import type { AdminServiceDto } from './dto/service.dto.js';
import { OffersRepository } from './offers.repository.js';
import { nameTaken, ServicesAdminService } from './services-admin.service.js';
import { ServicesRepository } from './services.repository.js';
import { groupSuggestions, type SuggestionGroup } from './suggestion-grouping.js';

/** Suggests services from unmapped offers that look alike; applying one is an explicit call. */
@Injectable()
export class CatalogSuggestionsService {
  constructor(
    private readonly offers: OffersRepository,
    private readonly rows: ServicesRepository,
    private readonly services: ServicesAdminService,
    private readonly transactions: Transactions,
    private readonly revision: CatalogRevision,
    private readonly audit: AuditService,
  ) {}

  async list(limit = 100): Promise<CatalogSuggestionDto[]> {
    return groupSuggestions(await this.offers.unmapped())
      .slice(0, limit)
      .map(toSuggestionDto);
  }

  /** Creates the service a suggestion describes, mapped to its offers; 404 once it is gone. */
  async apply(key: string, dto: ApplySuggestionDto, actor: string): Promise<AdminServiceDto> {
    const group = groupSuggestions(await this.offers.unmapped()).find((g) => g.key === key);
    if (!group) {
      throw new DomainError(
        'not_found',
        `Suggestion ${key} does not exist (its offers may have been mapped or changed).`,
      );
    }
    const name = dto.name ?? group.suggestedName;
    const id = await this.transactions.run(async (manager) => {
      if (await this.rows.nameTaken(manager, name)) throw nameTaken(name);
      const row = await this.rows.insert(manager, {
        name,
        category: dto.category ?? group.suggestedCategory,
        type: group.type,
        description: dto.description ?? null,
        refill: group.refill,
        cancel: group.cancel,
        dripfeed: group.dripfeed,
        active: true,
      });
      await this.rows.replaceMapping(
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
}

function toSuggestionDto(group: SuggestionGroup): CatalogSuggestionDto {
  return {
    ...group,
    reasons: [...group.reasons],
    offers: group.offers.map(({ offerId: _offerId, type: _type, ...offer }) => offer),
  };
}
