import type { ProviderDto } from './dto/provider.dto.js';
import type { ProviderEntity } from './provider.entity.js';

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

/** The response view of a provider: the key appears only as its last 4 characters. */
export function toProviderDto(p: ProviderEntity): ProviderDto {
  return {
    id: p.id,
    name: p.name,
    apiUrl: p.apiUrl,
    apiKeyLast4: p.apiKeyLast4,
    currency: p.currency,
    priority: p.priority,
    enabled: p.enabled,
    timeoutMs: p.timeoutMs,
    transport: p.transport,
    idempotentAdd: p.idempotentAdd,
    balance: p.balance,
    balanceLowThreshold: p.balanceLowThreshold,
    balanceCheckedAt: iso(p.balanceCheckedAt),
    balanceError: p.balanceError,
    ejectedUntil: iso(p.ejectedUntil),
    ejectionReason: p.ejectionReason,
    health: {
      state: !p.enabled ? 'disabled' : p.ejectedUntil !== null ? 'ejected' : 'in_rotation',
      since: p.ejectedUntil !== null ? iso(p.ejectedAt) : null,
      until: iso(p.ejectedUntil),
      reason: p.ejectionReason,
      manual: p.ejectedUntil !== null && p.ejectionManual,
      recentEjections: p.ejectionCount,
    },
    lastSyncAttemptAt: iso(p.lastSyncAttemptAt),
    lastSyncedAt: iso(p.lastSyncedAt),
    lastSyncCount: p.lastSyncCount,
    lastSyncError: p.lastSyncError,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}
