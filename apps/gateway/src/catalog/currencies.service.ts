import { Injectable } from '@nestjs/common';
import { Decimal } from 'decimal.js';
import { AuditService } from '../audit/audit.service.js';
import { DomainError, notFound, ValidationFailedError } from '../common/errors/domain-error.js';
import { AppConfig } from '../config/app-config.js';
import { Transactions } from '../database/transactions.js';
import { CatalogRevision } from '../providers/catalog-revision.js';
import { retryOnUniqueViolation } from '../database/unique-violation.js';
import { CurrenciesRepository } from './currencies.repository.js';
import type { CurrencyRateEntity } from './currency-rate.entity.js';
import type { CurrencyRateDto } from './dto/currency.dto.js';

/** Admin-set conversion rates into the base currency; routing compares costs with them. */
@Injectable()
export class CurrenciesService {
  readonly base: string;

  constructor(
    config: AppConfig,
    private readonly rates: CurrenciesRepository,
    private readonly transactions: Transactions,
    private readonly revision: CatalogRevision,
    private readonly audit: AuditService,
  ) {
    this.base = config.catalog.baseCurrency;
  }

  async list(): Promise<CurrencyRateDto[]> {
    const rows = await this.rates.all();
    return [
      { code: this.base, rate: '1', base: this.base, isBase: true, updatedAt: null },
      ...rows.map((row) => this.view(row)),
    ];
  }

  async set(code: string, rate: string, actor: string): Promise<CurrencyRateDto> {
    if (code === this.base) {
      throw new DomainError(
        'currency_is_base',
        `${code} is the base currency: its rate is always 1.`,
      );
    }
    const value = new Decimal(rate);
    if (value.lte(0)) {
      throw new ValidationFailedError([{ field: 'rate', message: 'rate must be greater than 0' }]);
    }
    const saved = await retryOnUniqueViolation(() =>
      this.transactions.run(async (manager) => {
        const previous = await this.rates.find(code, manager);
        const row = await this.rates.save(manager, {
          code,
          rate: value.toFixed(),
          updatedAt: new Date(),
        });
        await this.revision.bump(manager);
        await this.audit.record(
          {
            actor,
            action: 'currency.set-rate',
            targetType: 'currency',
            targetId: code,
            details: { from: previous?.rate ?? null, to: row.rate, base: this.base },
          },
          manager,
        );
        return row;
      }),
    );
    this.revision.touched();
    return this.view(saved);
  }

  /** Removes a rate: offers in that currency stop being eligible. */
  async remove(code: string, actor: string): Promise<void> {
    await this.transactions.run(async (manager) => {
      const previous = await this.rates.find(code, manager);
      if (!previous) throw notFound('Currency rate', code);
      await this.rates.delete(manager, code);
      await this.revision.bump(manager);
      await this.audit.record(
        {
          actor,
          action: 'currency.delete-rate',
          targetType: 'currency',
          targetId: code,
          details: { from: previous.rate },
        },
        manager,
      );
    });
    this.revision.touched();
  }

  private view(row: CurrencyRateEntity): CurrencyRateDto {
    return {
      code: row.code,
      rate: row.rate,
      base: this.base,
      isBase: false,
      updatedAt: row.updatedAt.toISOString(),
    };
  }
}
