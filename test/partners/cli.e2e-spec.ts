import { loadConfig } from '../../apps/gateway/src/config/app-config.js';
import { runCli } from '../../apps/gateway/src/cli/cli.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { startGateway, TEST_SECRETS, type TestGateway } from '../support/gateway.js';
import { expectProblem } from '../support/problem.js';
import { bearer } from './support.js';

describe('CLI create-admin-token on a fresh install', () => {
  let db: TestDatabase;
  let gw: TestGateway | undefined;

  const run = async (argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const config = loadConfig({ DATABASE_URL: db.url, ...TEST_SECRETS, LOG_LEVEL: 'silent' });
    const code = await runCli(argv, config, { out: (l) => out.push(l), err: (l) => err.push(l) });
    return { code, out, err };
  };

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await gw?.close();
    await db.drop();
  });

  it('creates an issued admin token that works on the gateway, belongs to no partner, and is audited', async () => {
    const result = await run(['create-admin-token', '--name', 'ops']);
    expect(result.code, result.err.join('\n')).toBe(0);
    expect(result.out).toHaveLength(1);
    const token = result.out[0]!;
    expect(token).toMatch(/^smmgw_[0-9A-Za-z]{40}_[0-9A-Za-z]{6}$/);
    expect(result.err.join('\n')).not.toContain(token);

    // The server, without ADMIN_TOKEN, on the database the CLI initialized.
    gw = await startGateway({ db, env: { ADMIN_TOKEN: '' } });
    const me = await gw.http().get('/v1/me').set(bearer(token));
    expect(me.body).toMatchObject({ kind: 'token', partnerId: null, scopes: ['admin'] });
    expect((await gw.http().get('/v1/admin/partners').set(bearer(token))).status).toBe(200);
    expectProblem(await gw.http().get('/v1/balance').set(bearer(token)), 403, 'partner_required');
    const audit = await gw.http().get('/v1/admin/audit?action=token.create').set(bearer(token));
    expect(audit.body.items[0]).toMatchObject({ actor: 'cli', targetId: String(me.body.tokenId) });
    expect(gw.logs.join('\n')).not.toContain(token);
  });

  it('refuses bad usage with exit code 64 and a usage text', async () => {
    for (const argv of [
      [],
      ['nope'],
      ['create-admin-token'],
      ['create-admin-token', '--name', 'x', '--scopes', 'root'],
      ['create-admin-token', '--bogus'],
    ]) {
      const result = await run(argv);
      expect(result.code, argv.join(' ')).toBe(64);
      expect(result.out).toEqual([]);
      expect(result.err.join('\n')).toContain('Usage');
    }
  });
});
