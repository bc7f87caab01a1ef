import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { notFound } from '../common/errors/domain-error.js';
import {
  ProviderAdapter,
  ProviderAdapterFactory,
  type ProviderConnection,
} from './provider-adapter.js';
import { ProviderEntity } from './provider.entity.js';
import { ProviderKeyCipher } from './provider-key-cipher.js';

/**
 * Adapters per provider, keyed by the provider row's version: the key is decrypted once per
 * change, not per call. The orders side gets its adapters here.
 */
@Injectable()
export class ProviderAdapters {
  private readonly cache = new Map<number, { stamp: string; adapter: ProviderAdapter }>();

  constructor(
    @InjectRepository(ProviderEntity) private readonly providers: Repository<ProviderEntity>,
    private readonly factory: ProviderAdapterFactory,
    private readonly cipher: ProviderKeyCipher,
  ) {}

  /** The adapter for a stored provider (enabled or not); 404 problem when it does not exist. */
  async forProvider(providerId: number): Promise<ProviderAdapter> {
    const provider = await this.providers.findOneBy({ id: providerId });
    if (!provider) throw notFound('Provider', providerId);
    return this.forEntity(provider);
  }

  /** The adapter for a provider row already loaded. */
  forEntity(provider: ProviderEntity): ProviderAdapter {
    const stamp = `${provider.apiUrl}|${provider.timeoutMs}|${provider.apiKeyCiphertext}`;
    const cached = this.cache.get(provider.id);
    if (cached?.stamp === stamp) return cached.adapter;
    const adapter = this.factory.create({
      providerId: provider.id,
      apiUrl: provider.apiUrl,
      apiKey: this.cipher.decrypt(provider.apiKeyCiphertext),
      timeoutMs: provider.timeoutMs,
    });
    this.cache.set(provider.id, { stamp, adapter });
    return adapter;
  }

  /** An adapter for a connection not stored yet (the check before saving a provider). */
  connect(connection: ProviderConnection): ProviderAdapter {
    return this.factory.create(connection);
  }
}
