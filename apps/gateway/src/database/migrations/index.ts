import { AuditLog1764100000000 } from './1764100000000-audit-log.js';
import { ProvidersCatalog1764200000000 } from './1764200000000-providers-catalog.js';
import { Partners1764300000000 } from './1764300000000-partners.js';
import { Orders1764400000000 } from './1764400000000-orders.js';
import { ProviderTransport1764500000000 } from './1764500000000-provider-transport.js';
import { Counts64Bit1765090000000 } from './1765090000000-counts-64-bit.js';
import { Operability1765120000000 } from './1765120000000-operability.js';
import { IdempotentAdd1765200000000 } from './1765200000000-idempotent-add.js';
import { OrderCosts1765160000000 } from './1765160000000-order-costs.js';
import { Webhooks1765300000000 } from './1765300000000-webhooks.js';
import { OrdersDueIndex1765412000000 } from './1765412000000-orders-due-index.js';

/** Every migration, in order. Listed explicitly (no glob) so the app, tests and CLI agree. */
export const MIGRATIONS = [
  AuditLog1764100000000,
  ProvidersCatalog1764200000000,
  Partners1764300000000,
  Orders1764400000000,
  ProviderTransport1764500000000,
  Counts64Bit1765090000000,
  Operability1765120000000,
  OrderCosts1765160000000,
  IdempotentAdd1765200000000,
  Webhooks1765300000000,
  OrdersDueIndex1765412000000,
];
