import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { DomainError, type FieldError } from '../common/errors/domain-error.js';
import { Transactions, type Tx } from '../database/transactions.js';
import { CatalogRevision } from '../providers/catalog-revision.js';
import { OffersRepository } from './offers.repository.js';
import type {
  CatalogApplyResultDto,
  CatalogDocumentDto,
  CatalogServiceEntryDto,
} from './dto/catalog-document.dto.js';
import { mappingProblems, offerKey, type OfferKeyRow } from './offer-refs.js';
import type { ServiceEntity } from './service.entity.js';
import { serviceFields } from './services-admin.service.js';
import { ServicesRepository } from './services.repository.js';

type Fields = Pick<
  ServiceEntity,
  'name' | 'category' | 'type' | 'description' | 'refill' | 'cancel' | 'dripfeed'
>;

/**
 * The catalog as one JSON document an operator can keep in git: GET exports it, PUT applies it.
 * Applying validates the whole document first and changes nothing when any entry is wrong; the
 * same document applied twice changes nothing the second time.
 */
@Injectable()
export class CatalogDocumentService {
  constructor(
    private readonly services: ServicesRepository,
    private readonly offers: OffersRepository,
    private readonly transactions: Transactions,
    private readonly revision: CatalogRevision,
    private readonly audit: AuditService,
  ) {}

  /** Every active service with its mapping, by id. */
  async export(manager?: Tx): Promise<CatalogDocumentDto> {
    const rows = await this.services.active(manager);
    const mapped = await this.offers.mappedOffers();
    return {
      services: rows.map((row) => ({
        ...serviceFields(row),
        offers: (mapped.get(row.id) ?? []).map((o) => ({
          providerId: o.providerId,
          upstreamServiceId: o.upstreamServiceId,
        })),
      })),
    };
  }

  async apply(doc: CatalogDocumentDto, actor: string): Promise<CatalogApplyResultDto> {
    const counts = await this.transactions.run(async (manager) => {
      const existing = await this.services.all(manager);
      const offers = await this.offers.lookup(
        manager,
        doc.services.flatMap((s) => s.offers),
      );
      const targets = this.validate(doc, existing, offers);
      const mapping = await this.services.mapping(manager);
      const current = new Map<number, Set<number>>();
      for (const row of mapping) {
        const set = current.get(row.serviceId) ?? new Set<number>();
        set.add(row.offerId);
        current.set(row.serviceId, set);
      }
      const result = { created: 0, updated: 0, unchanged: 0, retired: 0 };
      const listed = new Set<number>();
      for (const [index, entry] of doc.services.entries()) {
        const fields = entryFields(entry);
        const offerIds = entry.offers.map((ref) => offers.get(offerKey(ref))!.id);
        const target = targets[index];
        if (target === undefined) {
          const row = await this.services.insert(manager, { ...fields, active: true });
          await this.services.replaceMapping(manager, row.id, offerIds);
          listed.add(row.id);
          result.created++;
          continue;
        }
        listed.add(target.id);
        const sameMapping = sameSet(current.get(target.id), offerIds);
        if (target.active && sameFields(target, fields) && sameMapping) {
          result.unchanged++;
          continue;
        }
        await this.services.update(manager, target.id, { ...fields, active: true });
        if (!sameMapping) await this.services.replaceMapping(manager, target.id, offerIds);
        result.updated++;
      }
      for (const row of existing) {
        if (!row.active || listed.has(row.id)) continue;
        await this.services.update(manager, row.id, { active: false });
        await this.services.replaceMapping(manager, row.id, []);
        result.retired++;
      }
      if (result.created + result.updated + result.retired > 0) {
        await this.revision.bump(manager);
        await this.audit.record(
          { actor, action: 'catalog.apply', targetType: 'catalog', details: { ...result } },
          manager,
        );
      }
      return result;
    });
    this.revision.touched();
    return { ...counts, catalog: await this.export() };
  }

  /** Resolves each entry to an existing service (or undefined: create), or refuses the document. */
  private validate(
    doc: CatalogDocumentDto,
    existing: readonly ServiceEntity[],
    offers: ReadonlyMap<string, OfferKeyRow>,
  ): Array<ServiceEntity | undefined> {
    const errors: FieldError[] = [];
    const byId = new Map(existing.map((s) => [s.id, s]));
    const byName = new Map(existing.map((s) => [s.name, s]));
    const names = new Map<string, number>();
    const ids = new Map<number, number>();
    const targets = doc.services.map((entry, index) => {
      const path = `services.${index}`;
      const first = names.get(entry.name);
      if (first !== undefined)
        errors.push({
          field: `${path}.name`,
          message: `"${entry.name}" is also services.${first}.name`,
        });
      names.set(entry.name, index);
      let target: ServiceEntity | undefined;
      if (entry.id !== undefined) {
        target = byId.get(entry.id);
        if (!target)
          errors.push({ field: `${path}.id`, message: `service ${entry.id} does not exist` });
        const twin = ids.get(entry.id);
        if (twin !== undefined)
          errors.push({
            field: `${path}.id`,
            message: `service ${entry.id} is also services.${twin}`,
          });
        ids.set(entry.id, index);
        const owner = byName.get(entry.name);
        if (target && owner && owner.id !== target.id) {
          errors.push({
            field: `${path}.name`,
            message: `"${entry.name}" belongs to service ${owner.id}`,
          });
        }
      } else {
        target = byName.get(entry.name);
      }
      if (target && target.type !== entry.type) {
        errors.push({
          field: `${path}.type`,
          message: `service ${target.id} is of type "${target.type}"; a type cannot change (create a new service)`,
        });
      }
      const problems = mappingProblems(entry.offers, entry.type, offers, `${path}.offers`);
      errors.push(...problems.duplicates, ...problems.notFound, ...problems.typeMismatch);
      return target;
    });
    // An id-less entry matched by name must not claim a service another entry names by id.
    targets.forEach((target, index) => {
      const entry = doc.services[index]!;
      if (entry.id === undefined && target && ids.has(target.id)) {
        errors.push({
          field: `services.${index}.name`,
          message: `"${entry.name}" belongs to service ${target.id}, listed at services.${ids.get(target.id)}`,
        });
      }
    });
    if (errors.length > 0) {
      throw new DomainError(
        'catalog_invalid',
        `The catalog document has ${errors.length} problem(s); nothing was changed.`,
        { errors },
      );
    }
    return targets;
  }
}

function entryFields(entry: CatalogServiceEntryDto): Fields {
  return {
    name: entry.name,
    category: entry.category,
    type: entry.type,
    description: entry.description ?? null,
    refill: entry.refill ?? false,
    cancel: entry.cancel ?? false,
    dripfeed: entry.dripfeed ?? false,
  };
}

function sameFields(row: ServiceEntity, fields: Fields): boolean {
  return (Object.keys(fields) as Array<keyof Fields>).every((key) => row[key] === fields[key]);
}

function sameSet(current: ReadonlySet<number> | undefined, wanted: readonly number[]): boolean {
  const size = current?.size ?? 0;
  return new Set(wanted).size === size && wanted.every((id) => current?.has(id) ?? false);
}
