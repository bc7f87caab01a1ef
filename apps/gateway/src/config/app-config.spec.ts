import { loadConfig } from './app-config.js';
import { ConfigError } from './env-schema.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const tmpSqlite = () => `sqlite:${join(mkdtempSync(join(tmpdir(), 'gw-config-')), 'gw.sqlite')}`;

describe('loadConfig', () => {
  it('starts with no environment at all on the documented defaults', () => {
    const config = loadConfig({ DATABASE_URL: tmpSqlite() });
    expect(config.http).toMatchObject({ port: 3000, host: '0.0.0.0', bodyLimitBytes: 1_048_576 });
    expect(config.log.level).toBe('info');
    expect(config.database.kind).toBe('sqlite');
    expect(config.auth.adminToken).toBeUndefined();
    expect(config.catalog.baseCurrency).toBe('USD');
    expect(config.secrets.encryptionKey).toHaveLength(32);
  });

  it('reads the report settings: charge tolerance as a decimal percent, range limits', () => {
    expect(loadConfig({ DATABASE_URL: tmpSqlite() }).reports).toEqual({
      upstreamChargeTolerancePercent: '1',
      rangeRequiredAboveOrders: 100_000,
      maxRangeDays: 400,
    });
    const custom = loadConfig({
      DATABASE_URL: tmpSqlite(),
      UPSTREAM_CHARGE_TOLERANCE_PERCENT: '0.5',
      REPORT_RANGE_REQUIRED_ABOVE_ORDERS: '0',
    });
    expect(custom.reports.upstreamChargeTolerancePercent).toBe('0.5');
    expect(custom.reports.rangeRequiredAboveOrders).toBe(0);
    for (const bad of ['-1', '101', 'one', '1e2']) {
      expect(() =>
        loadConfig({ DATABASE_URL: tmpSqlite(), UPSTREAM_CHARGE_TOLERANCE_PERCENT: bad }),
      ).toThrow(/UPSTREAM_CHARGE_TOLERANCE_PERCENT must be a decimal from 0 to 100/);
    }
  });

  it('defaults DATABASE_URL to the embedded SQLite file', () => {
    expect(loadConfig({ DATA_DIR: mkdtempSync(join(tmpdir(), 'gw-config-')) }).database.url).toBe(
      'sqlite:./data/gateway.sqlite',
    );
  });

  it('generates embedded secrets once and reuses them', () => {
    const url = tmpSqlite();
    const first = loadConfig({ DATABASE_URL: url }).secrets;
    const second = loadConfig({ DATABASE_URL: url }).secrets;
    expect(second.encryptionKey.equals(first.encryptionKey)).toBe(true);
    expect(second.tokenSecret.equals(first.tokenSecret)).toBe(true);
  });

  it('names every invalid variable and what it expects, without echoing values', () => {
    const attempt = () =>
      loadConfig({
        DATABASE_URL: 'mysql://x',
        PORT: '70000',
        ADMIN_TOKEN: 'short',
        BASE_CURRENCY: 'usd',
      });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const message = (error as ConfigError).message;
      expect(message).toContain('PORT must be an integer from 0 to 65535');
      expect(message).toContain('DATABASE_URL must be sqlite:<path> or postgres://');
      expect(message).toContain('ADMIN_TOKEN must be at least 16 characters');
      expect(message).toContain('BASE_CURRENCY must be a three-letter ISO 4217 currency code');
      expect(message).not.toContain('short');
      expect((error as ConfigError).problems).toHaveLength(4);
    }
  });

  it('requires configured secrets on PostgreSQL', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://u:p@localhost/db' })).toThrow(
      /ENCRYPTION_KEY is required/,
    );
    const config = loadConfig({
      DATABASE_URL: 'postgres://u:p@localhost/db',
      ENCRYPTION_KEY: 'ab'.repeat(32),
      TOKEN_SECRET: Buffer.alloc(32, 7).toString('base64'),
    });
    expect(config.database).toMatchObject({ kind: 'postgres', poolSize: 10 });
    expect(config.secrets.tokenSecret.equals(Buffer.alloc(32, 7))).toBe(true);
  });
});
