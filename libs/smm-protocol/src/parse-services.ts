import type { Decimal } from 'decimal.js';
import { SmmParseError } from './errors.js';
import {
  describe,
  isAbsent,
  isObject,
  readCount,
  readDecimal,
  readFlag,
  readLocalizedText,
  readServiceId,
  readText,
} from './read.js';
import { normalizeServiceType, type ServiceType } from './service-types.js';

/** One entry of an upstream's catalog, normalized. */
export interface UpstreamService {
  /** The upstream's service id as a string (1 and "1" are both "1"). */
  readonly id: string;
  readonly name: string;
  /** The known type, or null when the panel names a type the protocol does not (see rawType). */
  readonly type: ServiceType | null;
  readonly rawType: string;
  readonly category: string | null;
  /** Per 1000 units, or per package for Package / Custom Comments Package; the account's currency. */
  readonly rate: Decimal;
  readonly min: number;
  readonly max: number;
  /** Capability flags; null when the panel does not say (older panels omit cancel, some refill). */
  readonly refill: boolean | null;
  readonly cancel: boolean | null;
  readonly dripfeed: boolean | null;
  /** `desc` or `description`. */
  readonly description: string | null;
}

/** A catalog entry that was left out, and why: reported, never silently dropped. */
export interface InvalidServiceEntry {
  readonly index: number;
  /** The entry's service id when it could be read. */
  readonly id: string | null;
  readonly problem: string;
}

export interface ServiceCatalog {
  readonly services: readonly UpstreamService[];
  readonly invalid: readonly InvalidServiceEntry[];
}

/**
 * The `services` answer. One bad entry does not spoil the catalog: it lands in `invalid` with its
 * problem. A repeated id keeps its first entry (later ones are reported as invalid), because two
 * prices for one id cannot both be right and routing needs one. A body that is not a list throws.
 */
export function parseServicesResponse(json: unknown): ServiceCatalog {
  if (!Array.isArray(json)) {
    throw new SmmParseError('', `expected a list of services, got ${describe(json)}`);
  }
  const services: UpstreamService[] = [];
  const invalid: InvalidServiceEntry[] = [];
  const seen = new Set<string>();
  json.forEach((entry: unknown, index) => {
    const id = isObject(entry) ? safeId(entry['service']) : null;
    try {
      const service = parseService(entry, `[${index}]`);
      if (seen.has(service.id)) {
        invalid.push({ index, id, problem: `duplicate service id ${service.id}` });
        return;
      }
      seen.add(service.id);
      services.push(service);
    } catch (error) {
      if (!(error instanceof SmmParseError)) throw error;
      invalid.push({ index, id, problem: error.message });
    }
  });
  return { services, invalid };
}

export function parseService(entry: unknown, path = ''): UpstreamService {
  if (!isObject(entry)) throw new SmmParseError(path, `expected a service, got ${describe(entry)}`);
  const rawType = readText(entry['type'], `${path}.type`).trim();
  const description = entry['desc'] ?? entry['description'];
  return {
    id: readServiceId(entry['service'], `${path}.service`),
    name: readLocalizedText(entry['name'], `${path}.name`).trim(),
    type: normalizeServiceType(rawType),
    rawType,
    category: isAbsent(entry['category'])
      ? null
      : readLocalizedText(entry['category'], `${path}.category`).trim(),
    rate: nonNegative(readDecimal(entry['rate'], `${path}.rate`), `${path}.rate`),
    min: readCount(entry['min'], `${path}.min`),
    max: readCount(entry['max'], `${path}.max`),
    refill: readFlag(entry['refill'], `${path}.refill`),
    cancel: readFlag(entry['cancel'], `${path}.cancel`),
    dripfeed: readFlag(entry['dripfeed'], `${path}.dripfeed`),
    description: isAbsent(description)
      ? null
      : readLocalizedText(description, `${path}.description`),
  };
}

function nonNegative(value: Decimal, path: string): Decimal {
  if (value.isNegative())
    throw new SmmParseError(path, `expected a price ≥ 0, got ${value.toString()}`);
  return value;
}

function safeId(value: unknown): string | null {
  try {
    return readServiceId(value, '');
  } catch {
    return null;
  }
}
