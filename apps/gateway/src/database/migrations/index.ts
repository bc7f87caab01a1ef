import { AuditLog1764100000000 } from './1764100000000-audit-log.js';
import { Partners1764300000000 } from './1764300000000-partners.js';

/** Every migration, in order. Listed explicitly (no glob) so the app, tests and CLI agree. */
export const MIGRATIONS = [AuditLog1764100000000, Partners1764300000000];
