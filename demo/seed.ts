import type { SimService } from '../apps/provider-sim/src/index.js';

/**
 * What the demo puts in front of a new user: three panels with overlapping offers at different
 * prices (one in EUR), our catalog mapped across them, two partners. Kept as data so the seeding
 * code below reads as the walkthrough an operator would follow by hand.
 */
export interface DemoPanelSpec {
  readonly name: string;
  readonly currency: string;
  /** Every Nth API call answers an HTML 502 (after seeding), so failover and reconciliation show. */
  readonly flakyEveryNth?: number;
  readonly catalog: SimService[];
}

const offer = (
  service: number,
  name: string,
  type: string,
  category: string,
  rate: string,
  min = '10',
  max = '100000',
): SimService => ({
  service,
  name,
  type,
  category,
  rate,
  min,
  max,
  refill: type === 'Default',
  cancel: type === 'Default',
  dripfeed: type === 'Default',
});

export const DEMO_PANELS: readonly DemoPanelSpec[] = [
  {
    name: 'panel-usd',
    currency: 'USD',
    catalog: [
      offer(1, 'IG Followers [Real]', 'Default', 'Instagram', '0.95'),
      offer(2, 'IG Likes [Instant]', 'Default', 'Instagram', '0.05'),
      offer(3, 'IG Custom Comments', 'Custom Comments', 'Instagram', '12.50', '5', '500'),
    ],
  },
  {
    name: 'panel-eur',
    currency: 'EUR',
    catalog: [
      offer(101, 'Instagram Followers HQ', 'Default', 'Instagram', '0.80'),
      offer(102, 'YouTube Views', 'Default', 'YouTube', '1.70', '100', '1000000'),
    ],
  },
  {
    name: 'panel-flaky',
    currency: 'USD',
    flakyEveryNth: 3,
    catalog: [
      offer(7, 'Followers (cheap, unreliable panel)', 'Default', 'Instagram', '0.70'),
      offer(8, 'Likes (cheap, unreliable panel)', 'Default', 'Instagram', '0.04'),
      offer(9, 'YouTube Views (unreliable)', 'Default', 'YouTube', '1.90', '100', '1000000'),
    ],
  },
];

/** 1 EUR in USD (the base currency), so the EUR panel is ranked against the USD ones. */
export const EUR_RATE = '1.08';

/** Our services and, per panel name, the upstream offer each is mapped to. */
export const DEMO_SERVICES = [
  {
    service: { name: 'Instagram Followers', category: 'Instagram', type: 'Default', refill: true },
    offers: { 'panel-usd': '1', 'panel-eur': '101', 'panel-flaky': '7' },
  },
  {
    service: { name: 'Instagram Likes', category: 'Instagram', type: 'Default' },
    offers: { 'panel-usd': '2', 'panel-flaky': '8' },
  },
  {
    service: { name: 'YouTube Views', category: 'YouTube', type: 'Default' },
    offers: { 'panel-eur': '102', 'panel-flaky': '9' },
  },
  {
    service: { name: 'Instagram Custom Comments', category: 'Instagram', type: 'Custom Comments' },
    offers: { 'panel-usd': '3' },
  },
] as const;

export const DEMO_PARTNERS = [
  { name: 'acme-reseller', currency: 'USD', markupPercent: '10', credit: '500' },
  { name: 'euro-agency', currency: 'EUR', markupPercent: '25', credit: '300' },
] as const;

export const PARTNER_SCOPES = ['services:read', 'orders:read', 'orders:write', 'balance:read'];
