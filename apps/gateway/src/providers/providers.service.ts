import { Injectable, Logger } from '@nestjs/common';
import type { Balance } from '#smm-protocol';
import type { Decimal } from 'decimal.js';
import { toStored } from '../common/money/money.js';
import { AuditService } from '../audit/audit.service.js';
import { DomainError, notFound } from '../common/errors/domain-error.js';
import { Transactions, type Tx } from '../database/transactions.js';
import { CatalogRevision } from './catalog-revision.js';
import type { CreateProviderDto, UpdateProviderDto } from './dto/provider.dto.js';
import { ProviderAdapters } from './provider-adapters.js';
import type { ProviderConnection } from './provider-adapter.js';
import type { ProviderEntity } from './provider.entity.js';
import { ProviderAlerts } from './provider-alerts.js';
import { ProvidersRepository } from './providers.repository.js';
import { keyHint, ProviderKeyCipher } from './provider-key-cipher.js';
import { isUniqueViolation } from '../database/unique-violation.js';
import { connectionProblem, describeOutcome, upstreamFailed } from './upstream-problems.js';

const DEFAULT_TIMEOUT_MS = 10_000;

/** The provider registry: create (after a balance check), read, update, balance. */
@Injectable()
export class ProvidersService {
  private readonly logger = new Logger(ProvidersService.name);

  constructor(
    private readonly providers: ProvidersRepository,
    private readonly adapters: ProviderAdapters,
    private readonly cipher: ProviderKeyCipher,
    private readonly transactions: Transactions,
    private readonly revision: CatalogRevision,
    private readonly audit: AuditService,
    private readonly alerts: ProviderAlerts,
  ) {}

  async create(dto: CreateProviderDto, actor: string): Promise<ProviderEntity> {
    await this.assertNameFree(dto.name);
    const timeoutMs = dto.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const balance = await this.checkConnection(
      {
        providerId: 0,
        apiUrl: dto.apiUrl,
        apiKey: dto.apiKey,
        timeoutMs,
        transport: dto.transport,
      },
      dto.name,
    );
    const currency = resolveCurrency(balance.currency, dto.currency);
    const saved = await this.write(async (manager) => {
      const row = await this.providers.insert(manager, {
        name: dto.name,
        apiUrl: dto.apiUrl,
        apiKeyCiphertext: this.cipher.encrypt(dto.apiKey),
        apiKeyLast4: keyHint(dto.apiKey),
        currency,
        priority: dto.priority ?? 0,
        enabled: dto.enabled ?? true,
        timeoutMs,
        transport: dto.transport ?? 'form',
        idempotentAdd: dto.idempotentAdd ?? false,
        balance: stored(balance.balance),
        balanceLowThreshold: dto.balanceLowThreshold ?? null,
        balanceCheckedAt: new Date(),
        balanceError: null,
        ejectedUntil: null,
        ejectionReason: null,
        ejectedAt: null,
        ejectionCount: 0,
        ejectionManual: false,
        lastSyncAttemptAt: null,
        lastSyncedAt: null,
        lastSyncCount: null,
        lastSyncError: null,
      });
      await this.audit.record(
        {
          actor,
          action: 'provider.create',
          targetType: 'provider',
          targetId: row.id,
          details: { name: row.name, apiUrl: row.apiUrl, currency, enabled: row.enabled },
        },
        manager,
      );
      return row;
    }, dto.name);
    this.logger.log({ providerId: saved.id, provider: saved.name, currency }, 'Provider created');
    return saved;
  }

  list(): Promise<ProviderEntity[]> {
    return this.providers.all();
  }

  async get(id: number): Promise<ProviderEntity> {
    const provider = await this.providers.find(id);
    if (!provider) throw notFound('Provider', id);
    return provider;
  }

  async update(id: number, dto: UpdateProviderDto, actor: string): Promise<ProviderEntity> {
    const current = await this.get(id);
    if (dto.name !== undefined && dto.name !== current.name) await this.assertNameFree(dto.name);
    const reconnect =
      dto.apiUrl !== undefined ||
      dto.apiKey !== undefined ||
      dto.currency !== undefined ||
      dto.transport !== undefined;
    const changes: Partial<ProviderEntity> = {};
    if (reconnect) {
      const balance = await this.checkConnection(
        {
          providerId: id,
          apiUrl: dto.apiUrl ?? current.apiUrl,
          apiKey: dto.apiKey ?? this.cipher.decrypt(current.apiKeyCiphertext),
          timeoutMs: dto.timeoutMs ?? current.timeoutMs,
          transport: dto.transport ?? current.transport,
        },
        current.name,
      );
      changes.currency = resolveCurrency(balance.currency, dto.currency ?? current.currency);
      changes.balance = stored(balance.balance);
      changes.balanceCheckedAt = new Date();
      changes.balanceError = null;
    }
    if (dto.apiKey !== undefined) {
      changes.apiKeyCiphertext = this.cipher.encrypt(dto.apiKey);
      changes.apiKeyLast4 = keyHint(dto.apiKey);
    }
    for (const field of [
      'name',
      'apiUrl',
      'priority',
      'enabled',
      'timeoutMs',
      'transport',
      'idempotentAdd',
      'balanceLowThreshold',
    ] as const) {
      if (dto[field] !== undefined) Object.assign(changes, { [field]: dto[field] });
    }
    const changed = Object.keys(dto).filter((k) => k !== 'apiKey');
    await this.write(async (manager) => {
      if (Object.keys(changes).length > 0) {
        await this.providers.update(manager, id, changes);
      }
      await this.audit.record(
        {
          actor,
          action: 'provider.update',
          targetType: 'provider',
          targetId: id,
          details: {
            fields: dto.apiKey === undefined ? changed : [...changed, 'apiKey'],
            ...(dto.enabled === undefined ? {} : { enabled: dto.enabled }),
            ...(dto.priority === undefined ? {} : { priority: dto.priority }),
          },
        },
        manager,
      );
    }, dto.name ?? current.name);
    this.logger.log({ providerId: id, fields: changed }, 'Provider updated');
    return this.get(id);
  }

  /** Reads the upstream balance now and records it; a failure is recorded and answered 502. */
  async refreshBalance(id: number, actor?: string): Promise<ProviderEntity> {
    const provider = await this.get(id);
    const outcome = await this.adapters.forEntity(provider).balance();
    if (outcome.kind !== 'success') {
      const error = describeOutcome(outcome);
      await this.transactions.run((manager) =>
        this.providers.update(manager, id, { balanceError: error }),
      );
      this.logger.warn({ providerId: id, outcome: outcome.kind, error }, 'Balance refresh failed');
      throw upstreamFailed(id, 'balance', outcome);
    }
    const { balance, currency } = outcome.value;
    if (currency && currency !== provider.currency) {
      // The account currency changed upstream: rates are now in it too. Routing follows the panel.
      this.logger.warn(
        { providerId: id, from: provider.currency, to: currency },
        'Upstream currency changed',
      );
    }
    await this.write(async (manager) => {
      await this.alerts.balanceRead(manager, provider, balance);
      await this.providers.update(manager, id, {
        balance: stored(balance),
        currency: currency ?? provider.currency,
        balanceCheckedAt: new Date(),
        balanceError: null,
      });
      await this.providers.recordBalance(manager, {
        providerId: id,
        balance: stored(balance),
        currency: currency ?? provider.currency,
        at: new Date(),
      });
      if (actor) {
        await this.audit.record(
          { actor, action: 'provider.refresh-balance', targetType: 'provider', targetId: id },
          manager,
        );
      }
    });
    return this.get(id);
  }

  private async checkConnection(connection: ProviderConnection, name: string): Promise<Balance> {
    const started = Date.now();
    const outcome = await this.adapters.connect(connection).balance();
    const latencyMs = Date.now() - started;
    if (outcome.kind !== 'success') {
      this.logger.warn(
        { provider: name, action: 'balance', outcome: outcome.kind, latencyMs },
        'Upstream connection check failed',
      );
      throw connectionProblem(outcome);
    }
    return outcome.value;
  }

  private async assertNameFree(name: string): Promise<void> {
    if (await this.providers.nameTaken(name)) throw nameTaken(name);
  }

  /** A write that routing must see: bumps the catalog revision in the same transaction. */
  private async write<T>(work: (manager: Tx) => Promise<T>, name?: string): Promise<T> {
    try {
      const result = await this.transactions.run(async (manager) => {
        const value = await work(manager);
        // Provider state only: routing swaps provider objects, no offer index rebuild.
        await this.revision.bump(manager, 'providers');
        return value;
      });
      this.revision.touched('providers');
      return result;
    } catch (error) {
      if (name !== undefined && isUniqueViolation(error)) throw nameTaken(name);
      throw error;
    }
  }
}

function nameTaken(name: string): DomainError {
  return new DomainError('provider_name_taken', `A provider named "${name}" already exists.`);
}

/** The upstream's own word wins; a given currency must agree with it, or stand in when it is silent. */
function resolveCurrency(reported: string | null, given: string | undefined): string {
  if (reported && given && reported !== given) {
    throw new DomainError(
      'provider_currency_mismatch',
      `The upstream reports its currency as ${reported}, not ${given}.`,
      { reported, given },
    );
  }
  const currency = reported ?? given;
  if (!currency) {
    throw new DomainError(
      'unprocessable',
      'The upstream balance answer does not name a currency: give `currency`.',
    );
  }
  return currency;
}

/** Both engines store the same rounded value (the money module's stored decimals). */
const stored = (value: Decimal): string => toStored(value);
