import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { DomainError, notFound, ValidationFailedError } from '../common/errors/domain-error.js';
import { Transactions, type Tx } from '../database/transactions.js';
import { CatalogRevision } from '../providers/catalog-revision.js';
import { isUniqueViolation, retryOnUniqueViolation } from '../database/unique-violation.js';
import { OffersRepository } from './offers.repository.js';
import type {
  AdminServiceDto,
  CreateServiceDto,
  SetServiceOffersDto,
  UpdateServiceDto,
} from './dto/service.dto.js';
import { mappingProblems, type OfferRef } from './offer-refs.js';
import type { ServiceEntity } from './service.entity.js';
import { ServicesRepository } from './services.repository.js';

/** Our services and their mapping onto upstream offers. */
@Injectable()
export class ServicesAdminService {
  constructor(
    private readonly services: ServicesRepository,
    private readonly offers: OffersRepository,
    private readonly transactions: Transactions,
    private readonly revision: CatalogRevision,
    private readonly audit: AuditService,
  ) {}

  async create(dto: CreateServiceDto, actor: string): Promise<AdminServiceDto> {
    const id = await this.write(dto.name, async (manager) => {
      if (await this.services.nameTaken(manager, dto.name)) throw nameTaken(dto.name);
      const row = await this.services.insert(manager, {
        name: dto.name,
        category: dto.category,
        type: dto.type,
        description: dto.description ?? null,
        refill: dto.refill ?? false,
        cancel: dto.cancel ?? false,
        dripfeed: dto.dripfeed ?? false,
        active: true,
      });
      await this.audit.record(
        {
          actor,
          action: 'service.create',
          targetType: 'service',
          targetId: row.id,
          details: { ...dto },
        },
        manager,
      );
      return row.id;
    });
    return this.get(id);
  }

  async list(): Promise<AdminServiceDto[]> {
    const rows = await this.services.all();
    const offers = await this.offers.mappedOffers();
    return rows.map((row) => toAdminServiceDto(row, offers.get(row.id) ?? []));
  }

  async get(id: number): Promise<AdminServiceDto> {
    const row = await this.services.find(id);
    if (!row) throw notFound('Service', id);
    const offers = await this.offers.mappedOffers([id]);
    return toAdminServiceDto(row, offers.get(id) ?? []);
  }

  async update(id: number, dto: UpdateServiceDto, actor: string): Promise<AdminServiceDto> {
    await this.write(dto.name, async (manager) => {
      const row = await this.services.find(id, manager);
      if (!row) throw notFound('Service', id);
      if (
        dto.name !== undefined &&
        dto.name !== row.name &&
        (await this.services.nameTaken(manager, dto.name))
      ) {
        throw nameTaken(dto.name);
      }
      await this.services.update(manager, id, { ...dto });
      await this.audit.record(
        {
          actor,
          action: 'service.update',
          targetType: 'service',
          targetId: id,
          details: { ...dto },
        },
        manager,
      );
    });
    return this.get(id);
  }

  /** Replaces the service's mapping; every offer must exist and be of the service's type. */
  async setOffers(id: number, dto: SetServiceOffersDto, actor: string): Promise<AdminServiceDto> {
    await retryOnUniqueViolation(() =>
      this.write(undefined, async (manager) => {
        const service = await this.services.find(id, manager);
        if (!service) throw notFound('Service', id);
        const offers = await this.offers.lookup(manager, dto.offers);
        const problems = mappingProblems(dto.offers, service.type, offers, 'offers');
        if (problems.duplicates.length > 0) throw new ValidationFailedError(problems.duplicates);
        if (problems.typeMismatch.length > 0) {
          throw new DomainError(
            'offer_type_mismatch',
            `${problems.typeMismatch.length} offer(s) are not of type "${service.type}".`,
            { errors: problems.typeMismatch },
          );
        }
        if (problems.notFound.length > 0) {
          throw new DomainError(
            'offer_not_found',
            `${problems.notFound.length} offer(s) do not exist; sync the provider first.`,
            { errors: problems.notFound },
          );
        }
        const offerIds = dto.offers.map(
          (ref) => offers.get(`${ref.providerId}:${ref.upstreamServiceId}`)!.id,
        );
        await this.services.replaceMapping(manager, id, offerIds);
        await this.audit.record(
          {
            actor,
            action: 'service.set-offers',
            targetType: 'service',
            targetId: id,
            details: {
              offers: dto.offers.map((o: OfferRef) => `${o.providerId}:${o.upstreamServiceId}`),
            },
          },
          manager,
        );
      }),
    );
    return this.get(id);
  }

  private async write<T>(name: string | undefined, work: (m: Tx) => Promise<T>): Promise<T> {
    try {
      const result = await this.transactions.run(async (manager) => {
        const value = await work(manager);
        await this.revision.bump(manager);
        return value;
      });
      this.revision.touched();
      return result;
    } catch (error) {
      if (name !== undefined && isUniqueViolation(error)) throw nameTaken(name);
      throw error;
    }
  }
}

export function nameTaken(name: string): DomainError {
  return new DomainError('service_name_taken', `A service named "${name}" already exists.`);
}

/** What describes a service of ours, in the admin view and in the catalog document alike. */
export function serviceFields(row: ServiceEntity) {
  return {
    id: row.id,
    name: row.name,
    category: row.category,
    type: row.type,
    description: row.description,
    refill: row.refill,
    cancel: row.cancel,
    dripfeed: row.dripfeed,
  };
}

export function toAdminServiceDto(
  row: ServiceEntity,
  offers: AdminServiceDto['offers'],
): AdminServiceDto {
  return {
    ...serviceFields(row),
    active: row.active,
    offers,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
