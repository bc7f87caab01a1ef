import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseMoney } from './money.js';
import type { SimService } from './types.js';

export class CatalogError extends Error {}

const INTEGER_TEXT = /^\d+$/;

function flag(value: unknown, field: string, at: string, fallback: boolean | undefined) {
  if (value === undefined && fallback !== undefined) return fallback;
  if (typeof value === 'boolean') return value;
  if (value === 0 || value === 1 || value === '0' || value === '1') return Number(value) === 1;
  throw new CatalogError(`${at}: ${field} must be a boolean`);
}

function integerText(value: unknown, field: string, at: string): string {
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string' || !INTEGER_TEXT.test(text.trim())) {
    throw new CatalogError(`${at}: ${field} must be a non-negative integer`);
  }
  return text.trim();
}

/**
 * Validates a catalog (a JSON array of services) and normalizes the loose forms real catalogs use
 * (numeric min/max, 0/1 flags, string ids) into the canonical SimService shape. Duplicate ids are
 * kept, as real catalogs have them; `add` uses the first entry with a given id.
 */
export function normalizeCatalog(raw: unknown): SimService[] {
  if (!Array.isArray(raw)) throw new CatalogError('catalog must be an array of services');
  return raw.map((entry: unknown, index): SimService => {
    const at = `service #${index}`;
    if (typeof entry !== 'object' || entry === null) throw new CatalogError(`${at}: not an object`);
    const item = entry as Record<string, unknown>;
    const id = Number(item.service);
    if (!Number.isSafeInteger(id) || id <= 0) throw new CatalogError(`${at}: bad service id`);
    for (const field of ['name', 'type', 'category'] as const) {
      if (typeof item[field] !== 'string')
        throw new CatalogError(`${at}: ${field} must be a string`);
    }
    const rate = parseMoney(typeof item.rate === 'number' ? String(item.rate) : item.rate);
    if (!rate || rate.isNegative()) throw new CatalogError(`${at}: rate must be a decimal string`);
    const min = integerText(item.min, 'min', at);
    const max = integerText(item.max, 'max', at);
    if (Number(min) > Number(max)) throw new CatalogError(`${at}: min is greater than max`);
    const service: SimService = {
      service: id,
      name: item.name as string,
      type: item.type as string,
      category: item.category as string,
      rate: (typeof item.rate === 'number' ? String(item.rate) : (item.rate as string)).trim(),
      min,
      max,
      refill: flag(item.refill, 'refill', at, false),
      cancel: flag(item.cancel, 'cancel', at, false),
    };
    if (item.dripfeed !== undefined) service.dripfeed = flag(item.dripfeed, 'dripfeed', at, false);
    const desc = item.desc ?? item.description;
    if (typeof desc === 'string') service.desc = desc;
    return service;
  });
}

export function loadCatalogFile(path: string): SimService[] {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new CatalogError(`cannot read catalog ${path}: ${(error as Error).message}`);
  }
  return normalizeCatalog(raw);
}

/**
 * The bundled catalog. tsc does not copy JSON into dist, so from the built entry
 * (dist/apps/provider-sim/src) it is found back in the source tree.
 */
export function defaultCatalogPath(): string {
  const candidates = [
    '../catalogs/default.json',
    '../../../../apps/provider-sim/catalogs/default.json',
  ];
  for (const candidate of candidates) {
    const path = fileURLToPath(new URL(candidate, import.meta.url));
    if (existsSync(path)) return path;
  }
  throw new CatalogError('bundled catalog apps/provider-sim/catalogs/default.json not found');
}
