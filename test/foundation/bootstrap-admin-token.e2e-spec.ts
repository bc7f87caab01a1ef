import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase } from '../support/database.js';
import { startGateway } from '../support/gateway.js';

// A fresh gateway without ADMIN_TOKEN: one bootstrap admin token, in an owner-only file, once.
describe('the first start without ADMIN_TOKEN', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'gw-bootstrap-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('writes a working admin token to $DATA_DIR/admin-token (0600), says where, and only once', async () => {
    const db = await createTestDatabase();
    const env = { ADMIN_TOKEN: undefined, DATA_DIR: dataDir };
    const file = join(dataDir, 'admin-token');
    const first = await startGateway({ db, env });
    let token: string;
    try {
      token = readFileSync(file, 'utf8').trim();
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const res = await first
        .http()
        .get('/v1/admin/providers')
        .set({ Authorization: `Bearer ${token}` });
      expect(res.status, res.text).toBe(200);
      const logs = first.logs.join('\n');
      expect(logs).toContain(file);
      expect(logs).not.toContain(token);
    } finally {
      await first.app.close();
    }
    // Restarted on the same database and directory: the same file, no second token.
    const second = await startGateway({ db, env });
    try {
      expect(readFileSync(file, 'utf8').trim()).toBe(token);
      const tokens = await second
        .http()
        .get('/v1/admin/audit')
        .query({ action: 'token.create' })
        .set({ Authorization: `Bearer ${token}` });
      expect(tokens.body.items).toHaveLength(1);
    } finally {
      await second.close();
    }
  });

  it('three gateways starting together on one fresh database: one token, one file, all serve', async () => {
    const db = await createTestDatabase();
    const dir = mkdtempSync(join(tmpdir(), 'gw-bootstrap-race-'));
    const env = { ADMIN_TOKEN: undefined, DATA_DIR: dir };
    try {
      const gateways = await Promise.all([1, 2, 3].map(() => startGateway({ db, env })));
      try {
        const token = readFileSync(join(dir, 'admin-token'), 'utf8').trim();
        for (const gw of gateways) {
          const res = await gw
            .http()
            .get('/v1/admin/audit')
            .query({ action: 'token.create' })
            .set({ Authorization: `Bearer ${token}` });
          expect(res.status, res.text).toBe(200);
          expect(res.body.items).toHaveLength(1);
        }
      } finally {
        for (const gw of gateways) await gw.app.close();
      }
    } finally {
      await db.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
