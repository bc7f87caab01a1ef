import { Money, roundMoney, formatMoney } from './money.js';
import { Prng } from './prng.js';
import { SERVICE_TYPES, type SimService } from './types.js';

export interface GenerateCatalogOptions {
  count: number;
  /** Fixes ids, names, types, limits and base prices. */
  seed: number;
  /** First service id (default 1); ids then increase by 1. */
  startId?: number;
  /**
   * When set, every rate is multiplied by a seeded factor in [0.8, 1.2]: the same `seed` with
   * different `priceSeed`s gives several panels selling the same services at different prices,
   * which is what routing benchmarks need.
   */
  priceSeed?: number;
}

const PLATFORMS = ['Instagram', 'TikTok', 'YouTube', 'Facebook', 'Twitter', 'Telegram', 'Spotify'];
const KINDS = ['Followers', 'Likes', 'Views', 'Comments', 'Shares', 'Saves', 'Members', 'Plays'];
const GRADES = ['HQ', 'Real', 'Instant', 'Non-drop', 'Cheap', 'Premium'];
const PACKAGE_TYPES = new Set(['Package', 'Custom Comments Package']);
const DRIPFEED_TYPES = new Set(['Default', 'Web Traffic']);

/** A large, realistic, repeatable catalog for benchmarks. Mostly Default, every type present. */
export function generateCatalog(options: GenerateCatalogOptions): SimService[] {
  const rng = new Prng(options.seed);
  const prices = options.priceSeed === undefined ? undefined : new Prng(options.priceSeed);
  const startId = options.startId ?? 1;
  const services: SimService[] = [];
  for (let index = 0; index < options.count; index++) {
    // The first entries cycle through every type so even a small catalog covers them all.
    const type =
      index < SERVICE_TYPES.length
        ? SERVICE_TYPES[index]
        : rng.next() < 0.7
          ? 'Default'
          : rng.pick(SERVICE_TYPES);
    const platform = rng.pick(PLATFORMS);
    const kind = rng.pick(KINDS);
    const grade = rng.pick(GRADES);
    const isPackage = PACKAGE_TYPES.has(type);
    // Rates in units of 0.00001: per 1000 from 0.001 to 5, or 1 to 50 per package.
    const baseUnits = isPackage ? rng.int(100_000, 5_000_000) : rng.int(100, 500_000);
    const min = isPackage ? 1 : rng.pick([10, 20, 50, 100, 250, 500]);
    const max = isPackage ? 1 : min * rng.pick([100, 1_000, 10_000, 100_000]);
    const refill = rng.next() < 0.4;
    const cancel = rng.next() < 0.5;
    const dripfeed = DRIPFEED_TYPES.has(type) && rng.next() < 0.3;
    const permille = prices ? prices.int(800, 1_200) : 1_000;
    const rate = roundMoney(new Money(baseUnits).mul(permille).div(100_000_000));
    const id = startId + index;
    services.push({
      service: id,
      name: `${platform} ${kind} [${grade}] ${type === 'Default' ? '' : `(${type}) `}#${id}`,
      type,
      category: `${platform} ${kind}`,
      rate: formatMoney(rate),
      min: String(min),
      max: String(max),
      refill,
      cancel,
      dripfeed,
    });
  }
  return services;
}
