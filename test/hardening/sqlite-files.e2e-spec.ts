import { existsSync, statSync } from 'node:fs';
import { createTestDatabase } from '../support/database.js';
import { startGateway } from '../support/gateway.js';

/** The embedded database holds partners' ledgers and token hashes: owner-only, like its secrets. */
describe('the SQLite database files', () => {
  it('are created readable and writable by their owner only (database, WAL and SHM)', async () => {
    const db = await createTestDatabase('sqlite');
    const gw = await startGateway({ db });
    try {
      await gw.http().post('/v1/admin/partners').set(gw.admin).send({ name: 'file modes' });
      const path = db.url.slice('sqlite:'.length);
      const files = [path, `${path}-wal`, `${path}-shm`].filter((f) => existsSync(f));
      expect(files).toContain(path);
      expect(files.length).toBeGreaterThan(1);
      for (const file of files) expect(statSync(file).mode & 0o777, file).toBe(0o600);
    } finally {
      await gw.close();
      await db.drop();
    }
  });
});
