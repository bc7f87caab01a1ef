import type { LedgerEntryEntity } from '../ledger-entry.entity.js';
import type { LedgerEntryDto } from './ledger.dto.js';

export const toLedgerEntryDto = (row: LedgerEntryEntity): LedgerEntryDto => ({
  id: row.id,
  partnerId: row.partnerId,
  kind: row.kind,
  amount: row.amount,
  balanceAfter: row.balanceAfter,
  currency: row.currency,
  reason: row.reason,
  referenceType: row.referenceType,
  referenceId: row.referenceId,
  key: row.key,
  actor: row.actor,
  createdAt: row.createdAt.toISOString(),
});
