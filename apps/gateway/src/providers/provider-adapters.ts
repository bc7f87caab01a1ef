import { Injectable } from '@nestjs/common';
import { ProvidersRepository } from './providers.repository.js';
import { notFound } from '../common/errors/domain-error.js';
import { CatalogRevision, type Revisions } from './catalog-revision.js';
import {
  ProviderAdapter,
  ProviderAdapterFactory,
  type ProviderConnection,
} from './provider-adapter.js';
import { ProviderEntity } from './provider.entity.js';
import { ProviderKeyCipher } from './provider-key-cipher.js';
import { InstrumentedAdapter } from './instrumented-adapter.js';
import { UpstreamObserver } from './upstream-observer.js';

/** How stale another process's provider change may be before this one notices (as routing). */
const SHARED_CHECK_MS = 2_000;

/**
 * Adapters per provider, keyed by the provider row's version: the key is decrypted once per
 * change, not per call. The orders side gets its adapters here. `forProvider` reads the row
 * again only after a provider write: one made by this process at once, one by another process
 * within 2 s (the revision counters every provider write bumps, the same ones routing follows).
 */
@Injectable()
export class ProviderAdapters {
  private readonly cache = new Map<number, { stamp: string; adapter: ProviderAdapter }>();
  private readonly byId = new Map<number, { version: string; adapter: ProviderAdapter }>();
  private shared: { at: number; revisions: Promise<Revisions> } | undefined;

  constructor(
    private readonly providers: ProvidersRepository,
    private readonly factory: ProviderAdapterFactory,
    private readonly cipher: ProviderKeyCipher,
    private readonly revision: CatalogRevision,
    private readonly observer: UpstreamObserver,
  ) {}

  /** The adapter for a stored provider (enabled or not); 404 problem when it does not exist. */
  async forProvider(providerId: number): Promise<ProviderAdapter> {
    const version = await this.version();
    const known = this.byId.get(providerId);
    if (known?.version === version) return known.adapter;
    const provider = await this.providers.find(providerId);
    if (!provider) throw notFound('Provider', providerId);
    const adapter = this.forEntity(provider);
    this.byId.set(providerId, { version, adapter });
    return adapter;
  }

  /** This process's revisions and the shared ones (read at most every 2 s), as one key. */
  private async version(): Promise<string> {
    const now = Date.now();
    if (!this.shared || now - this.shared.at >= SHARED_CHECK_MS) {
      const revisions = this.revision.current();
      this.shared = { at: now, revisions };
      // A failed read is not kept: the next call tries again.
      revisions.catch(() => {
        if (this.shared?.revisions === revisions) this.shared = undefined;
      });
    }
    const shared = await this.shared.revisions;
    const local = this.revision.localRevisions;
    return `${local.catalog}.${local.providers}/${shared.catalog}.${shared.providers}`;
  }

  /** The adapter for a provider row already loaded. */
  forEntity(provider: ProviderEntity): ProviderAdapter {
    const stamp = `${provider.apiUrl}|${provider.timeoutMs}|${provider.transport}|${provider.idempotentAdd}|${provider.apiKeyCiphertext}`;
    const cached = this.cache.get(provider.id);
    if (cached?.stamp === stamp) return cached.adapter;
    const adapter = new InstrumentedAdapter(
      provider.id,
      this.factory.create({
        providerId: provider.id,
        apiUrl: provider.apiUrl,
        apiKey: this.cipher.decrypt(provider.apiKeyCiphertext),
        timeoutMs: provider.timeoutMs,
        transport: provider.transport,
        idempotentAdd: provider.idempotentAdd,
      }),
      this.observer,
    );
    this.cache.set(provider.id, { stamp, adapter });
    return adapter;
  }

  /** An adapter for a connection not stored yet (the check before saving a provider). */
  connect(connection: ProviderConnection): ProviderAdapter {
    return this.factory.create(connection);
  }
}
