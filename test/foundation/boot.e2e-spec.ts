import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../apps/gateway/src/database/migrations/index.js';
import { createTestDatabase, engine } from '../support/database.js';
import { TEST_SECRETS } from '../support/gateway.js';
import { spawnGateway, waitForOk } from '../support/process.js';
import { dataSourceOptions } from '../../apps/gateway/src/database/data-source-options.js';
import { loadConfig } from '../../apps/gateway/src/config/app-config.js';

describe('booting the gateway process', () => {
  it('stops with a message naming the variable when a configuration value is invalid', async () => {
    const gw = await spawnGateway({ PORT: 'not-a-port', LOG_LEVEL: 'loud' });
    const code = await gw.exited;
    expect(code).toBe(78);
    expect(gw.output()).toContain('PORT must be an integer from 0 to 65535');
    expect(gw.output()).toContain(
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent',
    );
  });

  it('refuses PostgreSQL without ENCRYPTION_KEY and TOKEN_SECRET', async () => {
    const gw = await spawnGateway({ DATABASE_URL: 'postgres://u:p@127.0.0.1:1/db' });
    expect(await gw.exited).toBe(78);
    expect(gw.output()).toContain('ENCRYPTION_KEY is required');
    expect(gw.output()).toContain('TOKEN_SECRET is required');
  });

  it(`applies every migration once when two processes start together (${engine})`, async () => {
    const db = await createTestDatabase();
    const env = { DATABASE_URL: db.url, ...TEST_SECRETS } as Record<string, string>;
    const [a, b] = await Promise.all([spawnGateway(env), spawnGateway(env)]);
    try {
      await Promise.all([waitForOk(a), waitForOk(b)]);
      const ds = await new DataSource(
        dataSourceOptions(loadConfig({ DATABASE_URL: db.url, ...TEST_SECRETS }).database),
      ).initialize();
      try {
        const rows: { name: string }[] = await ds.query(
          'SELECT name FROM schema_migrations ORDER BY id',
        );
        expect(rows.map((r) => r.name)).toEqual(MIGRATIONS.map((m) => m.name));
        expect(await ds.showMigrations()).toBe(false);
      } finally {
        await ds.destroy();
      }
    } finally {
      await Promise.all([a.stop(), b.stop()]);
      await db.drop();
    }
  });
});
