import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, LessThan, type DataSource, type FindOptionsWhere } from 'typeorm';
import { SqlDialect } from '../database/sql-dialect.js';
import type { Tx } from '../database/transactions.js';
import { moneyTransformer } from '../database/transformers.js';
import { PartnerEntity, type PartnerStatus } from './partner.entity.js';
import { LedgerEntryEntity } from './wallet/ledger-entry.entity.js';
import { WalletEntity } from './wallet/wallet.entity.js';

export type NewPartner = Omit<PartnerEntity, 'id' | 'createdAt' | 'updatedAt'>;

/**
 * All SQL of the partner aggregate (the partner and its wallet row; the ledger's own statements
 * are in wallet.repository.ts). Methods taking a `Tx` run in the caller's transaction.
 */
@Injectable()
export class PartnersRepository {
  /** The partner's terms by a bound id: one cached statement for every partner (read per order). */
  private readonly termsSql: string;

  constructor(
    private readonly sql: SqlDialect,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    this.termsSql = `SELECT currency, markup_percent FROM partners WHERE id = ${sql.param(1)}`;
  }

  /** The partner's pricing terms (currency, canonical markup), or null when it does not exist. */
  async terms(id: number): Promise<{ currency: string; markupPercent: string } | null> {
    const rows: { currency: string; markup_percent: string }[] = await this.dataSource.query(
      this.termsSql,
      [id],
    );
    if (!rows[0]) return null;
    const markupPercent = moneyTransformer.from(rows[0].markup_percent) as string;
    return { currency: rows[0].currency, markupPercent };
  }

  /** Creates the partner and its empty wallet. */
  async insert(m: Tx, partner: NewPartner): Promise<PartnerEntity> {
    const saved = await m.save(m.create(PartnerEntity, partner));
    await m.save(
      m.create(WalletEntity, { partnerId: saved.id, currency: saved.currency, balance: '0' }),
    );
    return saved;
  }

  save(m: Tx, partner: PartnerEntity): Promise<PartnerEntity> {
    return m.save(partner);
  }

  /** The partner's row locked until the transaction ends (PostgreSQL), or null. */
  lock(m: Tx, id: number): Promise<PartnerEntity | null> {
    return m.findOne(PartnerEntity, { where: { id }, ...this.sql.lockOptions });
  }

  /** The partner's wallet row, locked like `lock` (it must exist with the partner). */
  lockWallet(m: Tx, partnerId: number): Promise<WalletEntity> {
    return m.findOneOrFail(WalletEntity, { where: { partnerId }, ...this.sql.lockOptions });
  }

  wallet(m: Tx, partnerId: number): Promise<WalletEntity> {
    return m.findOneByOrFail(WalletEntity, { partnerId });
  }

  /** Only the wallet's currency column: never writes back a balance read earlier. */
  async setWalletCurrency(m: Tx, partnerId: number, currency: string): Promise<void> {
    await m.update(WalletEntity, { partnerId }, { currency });
  }

  async hasLedger(m: Tx, partnerId: number): Promise<boolean> {
    return m.existsBy(LedgerEntryEntity, { partnerId });
  }

  async nameTaken(m: Tx, name: string): Promise<boolean> {
    return m.existsBy(PartnerEntity, { name });
  }

  find(id: number): Promise<PartnerEntity | null> {
    return this.dataSource.getRepository(PartnerEntity).findOneBy({ id });
  }

  exists(id: number): Promise<boolean> {
    return this.dataSource.getRepository(PartnerEntity).existsBy({ id });
  }

  /** Partners newest first, ids below `before` (all when absent), `take` rows. */
  list(filter: { status?: PartnerStatus }, page: { before?: number; take: number }) {
    const where: FindOptionsWhere<PartnerEntity> = {
      ...(filter.status ? { status: filter.status } : {}),
      ...(page.before !== undefined ? { id: LessThan(page.before) } : {}),
    };
    return this.dataSource
      .getRepository(PartnerEntity)
      .find({ where, order: { id: 'DESC' }, take: page.take });
  }

  /** Wallet balances by partner id. */
  async balances(partnerIds: number[]): Promise<Map<number, string>> {
    if (partnerIds.length === 0) return new Map();
    const wallets = await this.dataSource
      .getRepository(WalletEntity)
      .findBy({ partnerId: In(partnerIds) });
    return new Map(wallets.map((w) => [w.partnerId, w.balance]));
  }
}
